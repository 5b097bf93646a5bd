// The bad-input corpus: broken inputs generated from the example report and its editions. Each case
// writes one input (an overlay, a report file, a special file, a logo path) into a scratch copy of the
// report and says what must happen: `refuse` (exit 1, 2 or 3 with a located message) or `either`
// (hostile but valid text: accepted, or refused cleanly). Most cases are overlays, because an overlay
// can reach every text field of the report (patched by id) and is checked in a few milliseconds.
import { execFileSync } from 'node:child_process'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { stringify } from 'yaml'
import type { Report } from '../../src/data/types.js'

export interface CorpusCase {
  name: string
  /** what the case writes: an overlay of the scratch report, or a whole report file */
  target: 'overlay' | 'report'
  expect: 'refuse' | 'either'
  /** how the refusal must be placed: at file:line(:column), or by the path of the file */
  located: 'line' | 'path'
  /** writes the input; returns the edition id (overlay) or the report folder (report) */
  write(ctx: CorpusContext): Promise<string>
}

export interface CorpusContext {
  /** the scratch report folder (a copy of the example) */
  report: string
  /** a folder for report-file cases */
  work: string
  /** a file outside the project whose bytes must never reach an output */
  secret: string
  base: Report
  /** the example's own report.yaml text */
  reportText: string
  /** an edition overlay of the example, as text (the district edition the corpus varies) */
  overlayText: string
}

/** Strings that are not text (must be refused) and strings that are hostile but text (either). */
const NOT_TEXT: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['ESC sequence', 'a\u001b[31mred\u001b[0m'],
  ['BEL', 'a\u0007b'],
  ['backspace', 'a\u0008b'],
  ['DEL', 'a\u007fb'],
  ['C1 control', 'a\u0085b'],
  ['carriage return', 'a\rb'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', 'a\udc00b'],
  ['non-character U+FFFF', 'a\uffffb'],
  ['non-character U+FDD0', 'a\ufdd0b'],
  ['100 000 characters', '长'.repeat(100_000)],
]
const HOSTILE_TEXT: [string, string][] = [
  ['script tag', '<script>alert(1)</script>'],
  ['Handlebars', '{{#each this}}{{lookup . "constructor"}}{{/each}}'],
  ['Markdown link', '[x](javascript:alert(1)) ![i](file:///etc/hostname)'],
  ['CSS escape', '</style><style>*{background:url(https://example.com/x)}</style>'],
]

const NUL_SAFE = (s: string) => s

let counter = 0
const nextId = () => `c${++counter}`

/** Every string of the report with its data path (for patching by overlay). */
function stringPaths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof value === 'string') out.push(at)
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) stringPaths(v, [...at, i], out)
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) stringPaths(v, [...at, k], out)
  return out
}

/**
 * An overlay object that sets `path` of the base to `value`: lists of items with ids are patched by
 * id, lists without ids are replaced as a whole (the overlay rules of the README).
 */
export function patchFor(base: unknown, at: readonly (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value
  const [head, ...rest] = at
  if (Array.isArray(base) && typeof head === 'number') {
    const item = base[head] as Record<string, unknown> | undefined
    if (item && typeof item === 'object' && typeof item.id === 'string') {
      const inner = patchFor(item, rest, value) as Record<string, unknown>
      return [{ ...inner, id: item.id }]
    }
    const copy = [...base]
    copy[head] = patchFor(base[head], rest, value)
    return copy
  }
  const map = (base ?? {}) as Record<string, unknown>
  return { [head as string]: patchFor(map[head as string], rest, value) }
}

function overlayCase(
  name: string,
  expect: CorpusCase['expect'],
  text: (ctx: CorpusContext) => string | Buffer,
  located: CorpusCase['located'] = 'line',
): CorpusCase {
  return {
    name,
    target: 'overlay',
    expect,
    located,
    async write(ctx) {
      const id = nextId()
      await writeFile(path.join(ctx.report, 'editions', `${id}.yaml`), text(ctx))
      return id
    },
  }
}

function overlayOf(ctx: CorpusContext, patch: unknown): string {
  const body = stringify(patch, { lineWidth: 0 })
  return `base: ${ctx.base.id}\n${body}`
}

/** Some string paths of each kind of field, spread over the whole report. */
function sampledPaths(base: Report, perKey: number): (string | number)[][] {
  const byKey = new Map<string, (string | number)[][]>()
  for (const p of stringPaths(base)) {
    if (p.at(-1) === 'id' || p.at(-1) === 'ref') continue
    const key = String(p.filter((s) => typeof s === 'string').at(-1))
    byKey.set(key, [...(byKey.get(key) ?? []), p])
  }
  const picked: (string | number)[][] = []
  for (const paths of byKey.values()) {
    const step = Math.max(1, Math.ceil(paths.length / perKey))
    for (let i = 0; i < paths.length; i += step) picked.push(paths[i] as (string | number)[])
  }
  return picked
}

export function generateCorpus(base: Report): CorpusCase[] {
  const cases: CorpusCase[] = []
  const paths = sampledPaths(base, 2)

  // Hostile strings in every kind of text field (patched through an overlay).
  for (const p of paths) {
    const where = p.join('.')
    for (const [kind, value] of NOT_TEXT) {
      cases.push(
        overlayCase(`${kind} in ${where}`, 'refuse', (ctx) => overlayOf(ctx, patchFor(ctx.base, p, value))),
      )
    }
    for (const [kind, value] of HOSTILE_TEXT.slice(0, 2)) {
      cases.push(
        overlayCase(`${kind} in ${where}`, 'either', (ctx) => overlayOf(ctx, patchFor(ctx.base, p, value))),
      )
    }
  }
  // Control characters written literally (not as escapes) in the district overlay's own text.
  for (const [kind, value] of NOT_TEXT.slice(0, 7)) {
    cases.push(
      overlayCase(`${kind} written literally`, 'refuse', (ctx) =>
        ctx.overlayText.replace(/title: (\S+)/, (_, t) => `title: ${t}${NUL_SAFE(value)}`),
      ),
    )
  }

  // Wrong types at the places of strings, numbers and lists.
  const wrong: [string, unknown][] = [
    ['a number', 42],
    ['a boolean', true],
    ['a list', ['x']],
    ['a map', { x: 1 }],
  ]
  for (const p of paths.filter((_, i) => i % 2 === 0)) {
    for (const [kind, value] of wrong) {
      cases.push(
        overlayCase(`${kind} for ${p.join('.')}`, 'refuse', (ctx) =>
          overlayOf(ctx, patchFor(ctx.base, p, value)),
        ),
      )
    }
  }
  for (const [kind, value] of [
    ['text', 'zwei'],
    ['a list', [1]],
    ['a huge number', Number.POSITIVE_INFINITY],
  ] as [string, unknown][]) {
    cases.push(
      overlayCase(`${kind} for meta.year`, 'refuse', (ctx) => overlayOf(ctx, { meta: { year: value } })),
    )
  }
  for (const [kind, value] of [
    ['a map', { id: 'x' }],
    ['text', 'all'],
    ['a number', 3],
  ] as [string, unknown][]) {
    cases.push(overlayCase(`${kind} for sections`, 'refuse', (ctx) => overlayOf(ctx, { sections: value })))
  }

  // Keys: unknown, duplicated, over-long, with control characters; the overlay as a whole of a wrong shape.
  for (const at of [[], ['presentation'], ['meta']] as string[][]) {
    for (const [kind, key] of [
      ['unknown key', 'colour'],
      ['long key', 'k'.repeat(500)],
      ['key with ESC', 'a\u001bb'],
      ['__proto__ key', '__proto__'],
    ] as [string, string][]) {
      cases.push(
        overlayCase(`${kind} in ${at.join('.') || 'the top level'}`, 'refuse', (ctx) =>
          overlayOf(ctx, at.length ? { [at[0] as string]: { [key]: 'x' } } : { [key]: 'x' }),
        ),
      )
    }
  }
  cases.push(
    overlayCase('duplicate key', 'refuse', (ctx) => `${ctx.overlayText}\npresentation:\n  office: x\n`),
  )
  for (const [kind, text] of [
    ['a list', '- a\n- b\n'],
    ['a scalar', 'just text\n'],
    ['only comments', '# nothing\n'],
    ['an empty file', ''],
    ['a second document', 'base: x\n---\nbase: y\n'],
    ['a wrong base', 'base: another-report\n'],
    ['no base', 'presentation:\n  office: x\n'],
    ['an id of its own', 'base: zhengzhou-2021\nid: other\n'],
  ] as [string, string][]) {
    cases.push(overlayCase(`an overlay that is ${kind}`, 'refuse', () => text))
  }

  // Bytes: invalid UTF-8, UTF-16, NUL, GBK, broken YAML at many places.
  const bytesAt = (ctx: CorpusContext, offset: number, bytes: number[]) => {
    const b = Buffer.from(ctx.overlayText)
    const at = Math.min(offset, b.length)
    return Buffer.concat([b.subarray(0, at), Buffer.from(bytes), b.subarray(at)])
  }
  for (const offset of [0, 10, 40, 120, 300, 600, 900, 1200]) {
    cases.push(
      overlayCase(`invalid UTF-8 at byte ${offset}`, 'refuse', (ctx) => bytesAt(ctx, offset, [0xff, 0xfe])),
    )
    cases.push(overlayCase(`NUL byte at byte ${offset}`, 'refuse', (ctx) => bytesAt(ctx, offset, [0])))
    cases.push(
      overlayCase(`an unclosed quote at byte ${offset}`, 'either', (ctx) => {
        const b = Buffer.from(ctx.overlayText)
        const at = b.indexOf(0x0a, Math.min(offset, b.length - 1))
        return Buffer.concat([b.subarray(0, at), Buffer.from(' "'), b.subarray(at)])
      }),
    )
    cases.push(
      overlayCase(`a tab indent at byte ${offset}`, 'either', (ctx) =>
        bytesAt(ctx, offset, [0x0a, 0x09, 0x78, 0x3a]),
      ),
    )
    cases.push(
      overlayCase(`truncated at byte ${offset}`, 'either', (ctx) =>
        Buffer.from(ctx.overlayText).subarray(0, offset + 5),
      ),
    )
  }
  cases.push(
    overlayCase('UTF-16 text', 'refuse', (ctx) =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ctx.overlayText, 'utf16le')]),
    ),
  )
  cases.push(
    overlayCase('GBK text', 'refuse', () =>
      Buffer.from([0x62, 0x61, 0x73, 0x65, 0x3a, 0x20, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]),
    ),
  )
  cases.push(overlayCase('CR-only line ends', 'either', (ctx) => ctx.overlayText.replace(/\n/g, '\r')))

  // Sizes and nesting.
  cases.push(
    overlayCase(
      'a 6 MB overlay',
      'refuse',
      (ctx) => `${ctx.overlayText}\n# ${'x'.repeat(6 * 1024 * 1024)}\n`,
      'path',
    ),
  )
  cases.push(
    overlayCase('a 100 000-item list', 'either', (ctx) =>
      overlayOf(ctx, { intro: { paragraphs: Array(100_000).fill('文') } }),
    ),
  )
  for (const depth of [100, 1_000, 100_000]) {
    cases.push(
      overlayCase(
        `lists nested ${depth} deep`,
        'refuse',
        () => `base: zhengzhou-2021\nmeta: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      ),
    )
    cases.push(
      overlayCase(
        `maps nested ${depth} deep`,
        'refuse',
        () => `base: zhengzhou-2021\nmeta: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`,
      ),
    )
  }
  cases.push(
    overlayCase(
      'an alias bomb',
      'refuse',
      () =>
        `base: zhengzhou-2021\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
    ),
  )
  cases.push(overlayCase('an undefined alias', 'refuse', () => 'base: zhengzhou-2021\nmeta: *nope\n'))

  // Paths: logos that leave the project or are not files.
  const logo = (
    name: string,
    value: (ctx: CorpusContext) => string,
    prepare?: (ctx: CorpusContext) => Promise<void>,
  ) =>
    cases.push({
      name: `logo ${name}`,
      target: 'overlay',
      expect: 'refuse',
      located: 'line',
      async write(ctx) {
        await prepare?.(ctx)
        const id = nextId()
        await writeFile(
          path.join(ctx.report, 'editions', `${id}.yaml`),
          overlayOf(ctx, { presentation: { logo: value(ctx) } }),
        )
        return id
      },
    })
  logo('as an absolute path outside', (ctx) => ctx.secret)
  logo('climbing out with ../', (ctx) => path.relative(path.join(ctx.report, 'editions'), ctx.secret))
  logo(
    'as a symlink to a file outside',
    () => 'logos/link-out.svg',
    async (ctx) => {
      await symlink(ctx.secret, path.join(ctx.report, 'editions', 'logos', 'link-out.svg')).catch(
        () => undefined,
      )
    },
  )
  logo(
    'as a symlink to /dev/zero',
    () => 'logos/zero.svg',
    async (ctx) => {
      await symlink('/dev/zero', path.join(ctx.report, 'editions', 'logos', 'zero.svg')).catch(
        () => undefined,
      )
    },
  )
  logo(
    'as a named pipe',
    () => 'logos/pipe.svg',
    async (ctx) => {
      const fifo = path.join(ctx.report, 'editions', 'logos', 'pipe.svg')
      try {
        execFileSync('mkfifo', [fifo])
      } catch {}
    },
  )
  logo('as a folder', () => 'logos')
  logo(
    'as a dangling symlink',
    () => 'logos/dangling.svg',
    async (ctx) => {
      await symlink(
        path.join(ctx.work, 'gone.svg'),
        path.join(ctx.report, 'editions', 'logos', 'dangling.svg'),
      ).catch(() => undefined)
    },
  )
  logo(
    'as a symlink loop',
    () => 'logos/loop.svg',
    async (ctx) => {
      await symlink('loop.svg', path.join(ctx.report, 'editions', 'logos', 'loop.svg')).catch(() => undefined)
    },
  )
  logo('as /etc/hostname', () => '/etc/hostname')
  logo('as a file: URL', () => 'file:///etc/hostname')
  logo('as an https URL', () => 'https://example.com/logo.svg')
  logo('with a NUL', () => 'logos/x\u0000.svg')

  // Special files as the overlay itself.
  const special = (name: string, make: (file: string, ctx: CorpusContext) => Promise<void> | void) =>
    cases.push({
      name: `an overlay that is ${name}`,
      target: 'overlay',
      expect: 'refuse',
      located: 'path',
      async write(ctx) {
        const id = nextId()
        await make(path.join(ctx.report, 'editions', `${id}.yaml`), ctx)
        return id
      },
    })
  special('a named pipe', (f) => {
    execFileSync('mkfifo', [f])
  })
  special('a folder', (f) => mkdir(f).then(() => undefined))
  special('a symlink to /dev/zero', (f) => symlink('/dev/zero', f))
  special('a symlink to a file outside', (f, ctx) => symlink(ctx.secret, f))
  special('a symlink loop', (f) => symlink(f, f))

  // Whole report files: special files, bytes, broken YAML (each read and validated in full).
  const reportCase = (
    name: string,
    expect: CorpusCase['expect'],
    located: CorpusCase['located'],
    make: (file: string, ctx: CorpusContext) => Promise<void> | void,
  ) =>
    cases.push({
      name: `report.yaml: ${name}`,
      target: 'report',
      expect,
      located,
      async write(ctx) {
        const dir = path.join(ctx.work, nextId())
        await mkdir(dir, { recursive: true })
        await make(path.join(dir, 'report.yaml'), ctx)
        return dir
      },
    })
  reportCase('a symlink to /dev/zero', 'refuse', 'path', (f) => symlink('/dev/zero', f))
  reportCase('a named pipe', 'refuse', 'path', (f) => {
    execFileSync('mkfifo', [f])
  })
  reportCase('a folder', 'refuse', 'path', (f) => mkdir(f).then(() => undefined))
  reportCase('a symlink loop', 'refuse', 'path', (f) => symlink(f, f))
  reportCase('6 MB', 'refuse', 'path', (f, ctx) =>
    writeFile(f, `${ctx.reportText}\n# ${'x'.repeat(6 << 20)}\n`),
  )
  for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    // Cut after a whole section, a report may still be valid.
    reportCase(`truncated at ${fraction * 100}%`, 'either', 'line', (f, ctx) =>
      writeFile(f, ctx.reportText.slice(0, Math.floor(ctx.reportText.length * fraction))),
    )
    reportCase(`a NUL escape at ${fraction * 100}%`, 'refuse', 'line', (f, ctx) => {
      const at = ctx.reportText.indexOf('title: ', Math.floor(ctx.reportText.length * fraction))
      const text =
        at < 0
          ? `${ctx.reportText}\nx: "\\0"\n`
          : `${ctx.reportText.slice(0, at)}title: "\\0"\n  x${ctx.reportText.slice(ctx.reportText.indexOf('\n', at))}`
      return writeFile(f, text)
    })
  }
  reportCase('CR-only line ends', 'either', 'line', (f, ctx) =>
    writeFile(f, ctx.reportText.replace(/\n/g, '\r')),
  )
  reportCase('a 100 000-character title', 'refuse', 'line', (f, ctx) =>
    writeFile(f, ctx.reportText.replace(/title: .*/, `title: ${'长'.repeat(100_000)}`)),
  )
  return cases
}
