// Pages that are only ever printed need no layout on screen. Chromium lays a loaded page out for its
// viewport and, for page.pdf(), again for paper: traced on deck-notes.html (57 A4 sheets) the screen
// layout took over a second of the renderer's time, more than the print layout after it, and was
// thrown away. With the body hidden on screen only, the page is laid out once, in print.
//
// Only for pages that load their fonts without layout (fonts-first.ts loads every face of their
// inline subsets; the handout also loads its margin glyphs explicitly): a web font that is fetched
// only when laid-out text needs it would not be there when the page is printed.

/** Hides the body on screen; print media still shows it. */
export const PRINT_ONLY_STYLE = '<style>@media screen { body { display: none !important } }</style>'

/** A whole document with PRINT_ONLY_STYLE put in before </head>; unchanged without a </head>. */
export function printOnly(html: string): string {
  const head = html.indexOf('</head>')
  if (head < 0) return html
  return `${html.slice(0, head)}${PRINT_ONLY_STYLE}${html.slice(head)}`
}
