// Compiles src/ to dist/ before the suite (what `npm run build` does), so that the tests that spawn
// the real CLI (src/bin/huibao.js runs dist/) run the same code as the tests that import src/.
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '..', '..')

export function setup(): void {
  execFileSync(process.execPath, ['src/bin/build-dist.js'], { cwd: projectRoot, stdio: 'inherit' })
}
