import { LogScreen } from '../log/LogScreen';

/** HubSpot's vendor staff log (`/staff`, `/staff/:eventId`): the log's screen fixed to STAFF actors. */
export default function StaffPage() {
  return <LogScreen mode="staff" />;
}
