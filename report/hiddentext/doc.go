// Package hiddentext finds text a PDF paints that its reader cannot see:
// the failed redaction, where a name was covered with a black box rather
// than removed, and is still there for anyone who selects, copies or
// searches the page. It also reports Redact annotations that were never
// applied.
//
// Scan interprets each page's content stream as a viewer does, with a
// graphics-state stack (q/Q, cm), the text state and matrices (BT/ET,
// Tf, Tm, Td, TD, T*, TL, Tz, Ts, Tc, Tw, Tr, Tj, TJ, ' and "), fill and
// stroke colours (g, rg, k, cs/sc/scn and their stroking forms), paths
// and their painting and clipping (re, m, l, c, v, y, h, f, F, f*, B, b,
// S, s, n, W, W*), images (Do, and inline images BI ... ID ... EI), form
// XObjects (drawn with their matrix, bounding box and resources), and
// opacity (gs: /ca, /CA, /SMask). Each glyph is followed with its box on
// the page. A glyph is hidden when:
//
//   - its render mode paints nothing (3, or 7: a clip only), or it is
//     fully transparent;
//   - it is set under 1 pt (its font size after every matrix, in either
//     direction);
//   - it lies wholly outside the MediaBox, the CropBox or the clip;
//   - it has the colour of what lies under it: the white page, or the
//     last opaque rectangle painted under it;
//   - an opaque rectangle, image or shading drawn later covers it, in the
//     page's content or in an annotation's appearance (drawn after the
//     content, as the agenda pack draws annotations into its pages);
//   - a Redact annotation's rectangle overlaps it.
//
// Text drawn after a fill is on top of it and visible, so a table cell's
// shading or a label's halo is never a finding. Invisible text (render
// mode 3) lying on an opaque image drawn before it is a scanned page's
// OCR layer, which says what the picture shows: it is not a finding by
// itself, only when something covers it.
//
// What it approximates, on the side of not crying wolf: only rectangles
// (re, or four corners joined by lines, under a matrix without rotation
// or skew) and images count as covering text or as the colour under it;
// any other shape, a stroke, an image mask or anything transparent only
// makes the colour under text unknown. Clips that are not rectangles are
// taken as their bounding box. Colours are compared in RGB (CMYK by its
// naive conversion); ICC-based spaces are read by their number of
// components, and separations, indexed, pattern and Lab colours are
// unknown: never guessed equal. Glyph widths come from the font's
// /Widths (or /W), else the standard 14 fonts' metrics, else 0.5 em a
// glyph; a glyph's box runs from 0.2 em below the baseline to 0.75 em
// above it. Composite fonts are read as two-byte codes unless an embedded
// CMap says one byte. Text is decoded through ToUnicode, else as
// Windows-1252. Type 3 glyph procedures, blend modes and optional content
// are not interpreted.
package hiddentext
