// `huibao doctor`: what huibao will use on this machine, and what to do about anything missing.
// It ends by printing a one-page PDF for real, because "a browser exists" is not "a PDF can be made".
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pc from 'picocolors'
import { browserCandidates, browserInstallHint, browserVersion, findBrowser } from '../browser/find.js'
import { BrowserSession } from '../browser/session.js'
import { BrowserNotFoundError, EnvironmentError, ExitCode, isReportError } from '../errors.js'
import { FONT_FAMILIES, fontFaceCss } from '../fonts/faces.js'
import type { Logger } from '../log/logger.js'
import { packageDir } from '../utils/packages.js'

export interface DoctorOptions {
  browser?: string
  /** The settings in effect and where each came from (describeSettings), printed first. */
  settings?: string[]
  /** a report folder: also list which file serves each of its resources */
  report?: string
  logger: Logger
}

export async function doctorCommand(options: DoctorOptions): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  const ok = pc.green('✓')
  const bad = pc.red('✗')
  let healthy = true
  for (const line of options.settings ?? []) out(line)
  if (options.report) {
    const { resourceLines } = await import('../resource-list.js')
    for (const line of await resourceLines(options.report)) out(line)
  }

  const major = Number(process.versions.node.split('.')[0])
  out(
    `${major >= 20 ? ok : bad} Node.js ${process.versions.node}${major >= 20 ? '' : ' (huibao needs Node.js 20 or newer)'}`,
  )
  healthy &&= major >= 20

  let browserPath: string | undefined
  try {
    const found = findBrowser(options.browser)
    const version = await browserVersion(found.path)
    // A browser answers --version with its name and number; /bin/false or a script does not.
    if (!version || !/(chrom|chrome|edge|brave|opera|vivaldi).*\d+\./i.test(version)) {
      throw new BrowserNotFoundError(
        `${found.path} (found by ${describeSource(found.source)}) did not answer --version as Chrome or Chromium does${version ? ` (it said "${version.slice(0, 80)}")` : ''}`,
      )
    }
    browserPath = found.path
    out(`${ok} Browser ${found.path} (${version}), found by ${describeSource(found.source)}`)
  } catch (error) {
    healthy = false
    out(`${bad} Browser: ${isReportError(error) ? error.message : String(error)}`)
    out('  looked at, in order:')
    for (const c of browserCandidates(options.browser))
      out(`    ${c.found ? ok : '-'} ${c.path} (${c.source})`)
    out(`  ${pc.cyan('to fix:')} ${browserInstallHint()}`)
  }

  for (const { family, pkg } of Object.values(FONT_FAMILIES)) {
    try {
      const { version } = JSON.parse(await readFile(join(packageDir(pkg), 'package.json'), 'utf8')) as {
        version: string
      }
      out(`${ok} Font ${family} from ${pkg}@${version}`)
    } catch {
      healthy = false
      out(`${bad} Font ${family}: the package ${pkg} is not installed; run \`npm install\``)
    }
  }

  if (browserPath) {
    const result = await tryPdf(browserPath)
    if (result.ok) out(`${ok} PDF: printed a test page in ${result.ms} ms; fonts embedded as ${result.fonts}`)
    else {
      healthy = false
      out(`${bad} PDF: could not print a test page: ${result.reason}`)
      out(
        `  ${pc.cyan('to fix:')} check that the browser starts (\`${browserPath} --headless --version\`); as root it needs --no-sandbox, which huibao adds`,
      )
    }
  }
  // The exit code is the CLI's to choose (src/exit-codes.ts): a machine that cannot build is an
  // environment error like any other.
  if (!healthy) throw new EnvironmentError('huibao cannot build PDFs here yet (see the ✗ lines above)')
  out(`${ok} huibao can build decks and handouts here`)
  return ExitCode.ok
}

function describeSource(source: string): string {
  if (source === 'option') return '--browser'
  if (source === 'well-known path') return 'looking at well-known install paths'
  return `the environment variable ${source}`
}

async function tryPdf(
  executablePath: string,
): Promise<{ ok: true; ms: number; fonts: string } | { ok: false; reason: string }> {
  const started = Date.now()
  const dir = await mkdtemp(join(tmpdir(), 'huibao-doctor-'))
  try {
    await using session = await BrowserSession.launch({
      projectRoot: process.cwd(),
      executablePath,
      maxPages: 1,
    })
    const css = await fontFaceCss()
    const file = join(dir, 'doctor.pdf')
    await session.withPage(async (page) => {
      await session.load(
        page,
        `<!doctype html><html lang="zh-CN"><style>${css}body{font-family:'Noto Serif SC'}</style><p>汇报 huibao doctor 7.5%以上</p></html>`,
        { name: 'doctor.html' },
      )
      await session.waitForReady(page)
      await page.pdf({ path: file, format: 'A4' })
    })
    return { ok: true, ms: Date.now() - started, fonts: await fontTypes(file) }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Font types as pdffonts reports them, when poppler-utils is installed. */
async function fontTypes(file: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('pdffonts', [file], { timeout: 10_000 })
    const types = new Set(
      stdout
        .split('\n')
        .slice(2)
        .map((l) => (/(CID TrueType|Type 3|TrueType|Type 1C?|CID Type 0C?)/.exec(l)?.[1] ?? '').trim())
        .filter(Boolean),
    )
    return [...types].join(', ') || 'unknown'
  } catch {
    return 'unknown (install poppler-utils for pdffonts)'
  }
}
