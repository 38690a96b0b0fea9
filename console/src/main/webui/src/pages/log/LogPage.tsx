import { LogScreen } from './LogScreen';

/** The audit log (`/log`, `/log/:eventId`): the first screen of the console. */
export default function LogPage() {
  return <LogScreen mode="log" />;
}
