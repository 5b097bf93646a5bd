// Options of the printed handout beyond bleed, passed from the command line to the handout export.
export interface PrintOptions {
  /** black and white: greys for the theme's colours and the charts', meaning never in colour alone */
  mono?: boolean
  /** pad the booklet with blank pages to a multiple of 4 (saddle stitching), before the back page */
  pad4?: boolean
  /** number the reading copy's paragraphs in the margin */
  paragraphNumbers?: boolean
}
