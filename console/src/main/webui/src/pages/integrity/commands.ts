/**
 * The offline verifier's commands (module integrity-verify, `java -jar integrity-verify.jar`) and the API calls that
 * fetch their files, as the "Verify offline" page shows them to copy. `origin` is the console's own (the API is
 * served on it); `treeSize` the newest head's, so a proof fetched now is for the head downloaded now.
 */
export interface Commands {
  jar: string;
  fetch: string;
  event: string;
  consistency: string;
  log: string;
  report: string;
}

export function verifierCommands(origin: string, treeSize: number | null): Commands {
  const auth = '-H "Authorization: Bearer $TOKEN"';
  const size = treeSize ?? 'N';
  return {
    jar: ['./mvnw package', 'cp integrity-verify/target/integrity-verify.jar .'].join('\n'),
    fetch: [
      `ORIGIN=${origin}`,
      'EVENT=<the entry id, as in /log/<id>>',
      `curl -fsS ${auth} "$ORIGIN/api/v1/events/$EVENT" -o event.json`,
      `curl -fsS ${auth} "$ORIGIN/api/v1/events/$EVENT/proof?treeSize=${size}" -o proof.json`,
    ].join('\n'),
    event: 'java -jar integrity-verify.jar verify-event --keys keys.json --tree-head head.json --event event.json --proof proof.json',
    consistency: [
      `curl -fsS ${auth} "$ORIGIN/api/v1/integrity/consistency?from=<size of head1>&to=<size of head2>" -o consistency.json`,
      'java -jar integrity-verify.jar verify-consistency --keys keys.json --from head1.json --to head2.json --proof consistency.json',
    ].join('\n'),
    log: [
      // The leaves come in pages of 1000; the verifier reads one page a line.
      ': > leaves.json; FROM=0',
      'while [ "$FROM" != null ]; do',
      `  curl -fsS ${auth} "$ORIGIN/api/v1/integrity/leaves?from=$FROM&limit=1000" > page.json`,
      '  cat page.json >> leaves.json; echo >> leaves.json',
      "  FROM=$(jq -r '.next' page.json)",
      'done',
      `curl -fsS ${auth} "$ORIGIN/api/v1/events/export?format=ndjson" -o events.ndjson`,
      'java -jar integrity-verify.jar verify-log --keys keys.json --tree-head head.json --leaves leaves.json --events events.ndjson',
    ].join('\n'),
    report: 'java -jar integrity-verify.jar verify-report --keys keys.json --manifest manifest.json --dir report-files/',
  };
}
