// The bundled Edge Client API spec, read once from lib/dialects/ziti/spec/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let text: string | undefined;

export function bundledSpec(): string {
  text ??= readFileSync(join(/*turbopackIgnore: true*/ process.cwd(), 'lib/dialects/ziti/spec/edge-client.swagger.yml'), 'utf8');
  return text;
}
