// Examples shown by `huibao --help` and `huibao <command> --help`: one or two real command lines per
// command, so that help answers "how do I…" without a trip to the README. Plain strings: help must
// not load anything heavy (it answers in well under 300 ms).

export const EXAMPLES: Record<string, string[][]> = {
  build: [
    ['huibao build', "the default report's own edition, every output"],
    ['huibao build --all', 'the report and every edition in its editions/ folder'],
    ['huibao build data/my-report -e en -f deck-html,handout-pdf', 'one edition, two outputs'],
    ['huibao build data/my-report --all --shard 1/4', 'the first of four shares of the editions (CI)'],
    ['huibao build --mono --pad4', 'a black-and-white handout padded for saddle stitching'],
  ],
  index: [['huibao index', 'output/index.html over every report and edition in output/']],
  init: [['huibao init my-report', 'data/my-report/report.yaml: a commented report that builds at once']],
  'new-edition': [['huibao new-edition data/my-report en', 'an edition overlay over the report']],
  validate: [
    ['huibao validate', 'the default report and its editions'],
    ['huibao validate data/a data/b/report.yaml', 'several reports at once'],
  ],
  diff: [['huibao diff en', 'what the edition en changes, with file:line']],
  dev: [
    ['huibao dev', 'live preview of the default report; updates the page on every save'],
    ['huibao dev -e en --port 4000 --no-open', 'one edition, a fixed port, no browser opened'],
  ],
  doctor: [
    ['huibao doctor', 'the browser, fonts and settings in effect, and where each came from'],
    ['huibao doctor data/my-report', "also which file serves each of the report's templates and charts"],
  ],
}

function format(rows: string[][]): string {
  return rows.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`).join('\n')
}

/** The examples of one command, for its --help. */
export function commandExamples(name: string): string {
  const rows = EXAMPLES[name]
  return rows ? `\nExamples:\n${format(rows)}\n` : ''
}

/** Every command's examples, for `huibao --help`. */
export function allExamples(): string {
  return `\nExamples:\n${format(Object.values(EXAMPLES).flat())}\n`
}
