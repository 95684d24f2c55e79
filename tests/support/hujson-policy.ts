// A realistic Tailscale-style policy document in HuJSON (comments, trailing commas, groups, hosts,
// tag owners, ACLs, SSH rules and tests) of about the requested number of lines, for size tests.
export function policyDocument(targetLines: number): string {
  const out: string[] = ['// Example tailnet policy', '{', '\t// Groups of users.', '\t"groups": {'];
  const teams = Math.max(1, Math.floor(targetLines / 40));
  for (let t = 0; t < teams; t++) out.push(`\t\t"group:team${t}": ["alice${t}@example.com", "bob${t}@example.com", /* on call */ "carol${t}@example.com",],`);
  out.push('\t},', '', '\t"hosts": {');
  for (let t = 0; t < teams; t++) out.push(`\t\t"db${t}": "100.64.${t % 250}.${(t * 7) % 250}", // database of team ${t}`);
  out.push('\t},', '', '\t"tagOwners": {');
  for (let t = 0; t < teams; t++) out.push(`\t\t"tag:svc${t}": ["group:team${t}"],`);
  out.push('\t},', '', '\t"acls": [');
  let i = 0;
  while (out.length < targetLines - 10) {
    const t = i % teams;
    out.push(
      `\t\t// Rule ${i}: team ${t} reaches its services`,
      '\t\t{',
      '\t\t\t"action": "accept",',
      `\t\t\t"src":    ["group:team${t}", "autogroup:member"],`,
      `\t\t\t"dst":    ["tag:svc${t}:443,8443", "db${t}:5432"],`,
      '\t\t\t/* "proto": "tcp", */',
      '\t\t},',
    );
    i++;
  }
  out.push('\t],', '', '\t"ssh": [', '\t\t{"action": "check", "src": ["autogroup:member"], "dst": ["autogroup:self"], "users": ["autogroup:nonroot"]},', '\t],', '}', '');
  return out.join('\n');
}
