package docx

import (
	"math"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/doc"
)

// Native Word charts. A figure whose graphic describes itself as
// doc.ChartData (and is not marked Picture) becomes a DrawingML chart
// part, word/charts/chartN.xml, with its figures cached in the part
// (c:strCache, c:numCache) and held in an embedded workbook,
// word/embeddings/Microsoft_Excel_WorksheetN.xlsx, whose cells the
// series' formulas name: Word draws the chart from the cache and opens
// the workbook for Edit Data. The chart is styled as the drawing is:
// the palette's colours, hatching as a:pattFill, value labels, the rate
// on a secondary axis from 0% to 100%, an average as a dashed line, axis
// titles and light gridlines only.

const (
	nsC       = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	relChart  = relBase + "chart"
	relPkg    = relBase + "package"
	ctChart   = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	ctXLSX    = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	chartSh   = "Sheet1"
	chartInk  = "1A1A1A" // text, as the drawing's
	chartAxis = "404040" // axes and bar outlines
	chartGrid = "D0D0D0" // gridlines
)

// chartPart is one native chart: its part and its workbook.
type chartPart struct {
	xml, xlsx []byte
}

// chartName is chart n's part name under word/.
func chartName(n int) string { return "charts/chart" + strconv.Itoa(n) + ".xml" }

// workbookName is chart n's embedded workbook's part name under word/.
func workbookName(n int) string {
	return "embeddings/Microsoft_Excel_Worksheet" + strconv.Itoa(n) + ".xlsx"
}

// chartData is f's chart description when the DOCX writes it as a native
// chart, else nil (a picture).
func chartData(f *doc.Figure) *doc.ChartData {
	if f.Picture {
		return nil
	}
	c, ok := f.Graphic.(doc.Charted)
	if !ok {
		return nil
	}
	d := c.ChartData()
	if d == nil || len(d.Categories) == 0 || len(d.Series) == 0 {
		return nil
	}
	for _, s := range d.Series {
		if len(s.Values) != len(d.Categories) || len(s.Missing) != len(d.Categories) {
			return nil
		}
	}
	return d
}

// nativeChart adds d as chart part n and returns the relationship id of
// the part.
func (w *writer) nativeChart(d *doc.ChartData) (string, error) {
	xlsx, err := chartWorkbook(d, zipTime(w.d.Meta.Date))
	if err != nil {
		return "", err
	}
	w.charts = append(w.charts, chartPart{xml: chartXML(d, w.h.font, w.h.lang), xlsx: xlsx})
	return w.addRel(relChart, chartName(len(w.charts)), false), nil
}

// chartRels is a chart part's relationships: its workbook.
func chartRels(n int) []byte {
	return []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relPkg + `" Target="../` + workbookName(n) + `"/></Relationships>`)
}

// column is the workbook's column letter of series i: after the
// categories, in column A, or A (groups) and B (categories) when the
// chart has two levels of categories.
func column(d *doc.ChartData, i int) string {
	return columnName(levels(d) + i)
}

// levels is the number of levels of d's categories: 2 when its groups
// label runs of them in order, else 1.
func levels(d *doc.ChartData) int {
	if len(d.Groups) == 0 {
		return 1
	}
	next := 0
	for _, g := range d.Groups {
		if g.From < next || g.To <= g.From || g.To > len(d.Categories) {
			return 1
		}
		next = g.To
	}
	return 2
}

// catColumn is the workbook's column of the categories themselves.
func catColumn(d *doc.ChartData) string {
	if levels(d) == 2 {
		return "B"
	}
	return "A"
}

// ref is an absolute reference to cells of the sheet: "Sheet1!$B$2:$B$4".
func ref(col string, from, to int) string {
	r := chartSh + "!$" + col + "$" + strconv.Itoa(from)
	if to != from {
		r += ":$" + col + "$" + strconv.Itoa(to)
	}
	return r
}

// num writes a figure for the cache: the shortest form that reads back
// the same.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// excel is v at the 15 significant digits a workbook keeps, so that the
// chart's cache and its workbook hold the same figure.
func excel(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// Axis ids: the category and value axes of the bars, and of the series
// on the secondary axis (rate lines; the average's scatter).
const (
	axCat, axVal, axCat2, axVal2 = 1, 2, 3, 4
)

// chartXML writes d as a c:chartSpace in the schema's element order
// (CT_ChartSpace, CT_Chart, CT_PlotArea, CT_BarChart, CT_LineChart,
// CT_ScatterChart, CT_CatAx, CT_ValAx: see schemaOrder in the tests).
func chartXML(d *doc.ChartData, font, lang string) []byte {
	var b xb
	b.Grow(16 << 10)
	b.raw(xmlHeader + `<c:chartSpace xmlns:c="` + nsC + `" xmlns:a="` + nsA + `" xmlns:r="` + nsR + `">`)
	b.raw(`<c:date1904 val="0"/><c:lang val="`)
	b.attr(lang)
	b.raw(`"/><c:roundedCorners val="0"/><c:chart>`)
	if d.Title != "" {
		b.raw(`<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1000" b="1"/></a:pPr><a:r><a:rPr lang="`)
		b.attr(lang)
		b.raw(`" sz="1000" b="1"/><a:t>`)
		b.text(d.Title)
		b.raw(`</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`)
	} else {
		b.raw(`<c:autoTitleDeleted val="1"/>`)
	}
	b.raw(`<c:plotArea><c:layout/>`)
	horizontal := d.Kind != doc.ClusteredColumn
	var bars, lines []int
	for i, s := range d.Series {
		if s.Line {
			lines = append(lines, i)
		} else {
			bars = append(bars, i)
		}
	}
	dir, grouping, overlap := "col", "clustered", "0"
	switch d.Kind {
	case doc.ClusteredBar:
		dir, overlap = "bar", "100"
	case doc.StackedBar:
		dir, grouping, overlap = "bar", "stacked", "100"
	}
	b.raw(`<c:barChart><c:barDir val="` + dir + `"/><c:grouping val="` + grouping + `"/><c:varyColors val="0"/>`)
	for _, i := range bars {
		barSeries(&b, d, i, lang)
	}
	b.raw(`<c:gapWidth val="60"/><c:overlap val="` + overlap + `"/>`)
	b.rawInts(`<c:axId val="`, axCat, `"/><c:axId val="`, axVal, `"/></c:barChart>`)
	secondary := false
	if len(lines) > 0 && !horizontal {
		b.raw(`<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>`)
		for _, i := range lines {
			lineSeries(&b, d, i, lang)
		}
		b.rawInts(`<c:marker val="1"/><c:axId val="`, axCat2, `"/><c:axId val="`, axVal2, `"/></c:lineChart>`)
		secondary = true
	} else if len(lines) > 0 {
		// A line across horizontal bars (an average) is a scatter series
		// on hidden secondary axes: x the bars' scale, y the rows.
		b.raw(`<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>`)
		for _, i := range lines {
			averageSeries(&b, d, i)
		}
		b.rawInts(`<c:axId val="`, axCat2, `"/><c:axId val="`, axVal2, `"/></c:scatterChart>`)
	}
	// The bars' axes.
	catPos, valPos := "b", "l"
	if horizontal {
		catPos, valPos = "l", "b"
	}
	b.rawInts(`<c:catAx><c:axId val="`, axCat, `"/>`)
	if horizontal {
		b.raw(`<c:scaling><c:orientation val="maxMin"/></c:scaling>`) // first category at the top
	} else {
		b.raw(`<c:scaling><c:orientation val="minMax"/></c:scaling>`)
	}
	b.raw(`<c:delete val="0"/><c:axPos val="` + catPos + `"/>`)
	b.raw(`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	axisLine(&b, chartAxis)
	txPr(&b, lang, chartInk, false)
	b.rawInts(`<c:crossAx val="`, axVal, `"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)

	valFmt := "General"
	for _, i := range bars {
		valFmt = d.Series[i].Format
		break
	}
	b.rawInts(`<c:valAx><c:axId val="`, axVal, `"/><c:scaling><c:orientation val="minMax"/>`)
	if d.ValueMax > 0 && !math.IsInf(d.ValueMax, 0) {
		b.raw(`<c:max val="` + num(d.ValueMax) + `"/>`)
	}
	b.raw(`<c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="` + valPos + `"/>`)
	b.raw(`<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="` + chartGrid + `"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`)
	axisTitle(&b, d.ValueTitle, lang)
	b.raw(`<c:numFmt formatCode="`)
	b.attr(valFmt)
	b.raw(`" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	b.raw(`<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>`)
	txPr(&b, lang, chartInk, false)
	crosses := "autoZero"
	if horizontal {
		crosses = "max" // below the last category, which the reversed axis puts at the bottom
	}
	b.rawInts(`<c:crossAx val="`, axCat, `"/><c:crosses val="`+crosses+`"/><c:crossBetween val="between"/>`)
	if d.ValueStep > 0 && !math.IsInf(d.ValueStep, 0) {
		b.raw(`<c:majorUnit val="` + num(d.ValueStep) + `"/>`)
	}
	b.raw(`</c:valAx>`)

	if secondary {
		// The rate's scale, 0% to 100% on the right, in as many steps as
		// the bars' scale so one set of gridlines serves both.
		b.rawInts(`<c:catAx><c:axId val="`, axCat2, `"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="1"/><c:axPos val="b"/>`)
		b.rawInts(`<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="`, axVal2, `"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
		b.rawInts(`<c:valAx><c:axId val="`, axVal2, `"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="r"/>`)
		axisTitle(&b, d.SecondaryTitle, lang)
		b.raw(`<c:numFmt formatCode="0%" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>`)
		txPr(&b, lang, chartInk, false)
		b.rawInts(`<c:crossAx val="`, axCat2, `"/><c:crosses val="max"/><c:crossBetween val="between"/>`)
		if d.ValueMax > 0 && d.ValueStep > 0 {
			if n := math.Round(d.ValueMax / d.ValueStep); n >= 1 && n <= 20 {
				b.raw(`<c:majorUnit val="` + num(1/n) + `"/>`)
			}
		}
		b.raw(`</c:valAx>`)
	} else if len(lines) > 0 {
		// The average's hidden axes: x on the bars' scale, y over the rows.
		b.rawInts(`<c:valAx><c:axId val="`, axCat2, `"/><c:scaling><c:orientation val="minMax"/>`)
		if d.ValueMax > 0 && !math.IsInf(d.ValueMax, 0) {
			b.raw(`<c:max val="` + num(d.ValueMax) + `"/>`)
		}
		b.rawInts(`<c:min val="0"/></c:scaling><c:delete val="1"/><c:axPos val="t"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="`, axVal2, `"/><c:crosses val="max"/><c:crossBetween val="midCat"/></c:valAx>`)
		b.rawInts(`<c:valAx><c:axId val="`, axVal2, `"/><c:scaling><c:orientation val="minMax"/><c:max val="`, len(d.Categories), `"/><c:min val="0"/></c:scaling><c:delete val="1"/><c:axPos val="r"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="`, axCat2, `"/><c:crosses val="max"/><c:crossBetween val="midCat"/></c:valAx>`)
	}
	b.raw(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>`)
	if d.Legend {
		b.raw(`<c:legend><c:legendPos val="t"/><c:overlay val="0"/>`)
		txPr(&b, lang, chartInk, false)
		b.raw(`</c:legend>`)
	}
	b.raw(`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.raw(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.raw(`<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">`)
	b.raw(`<a:solidFill><a:srgbClr val="` + chartInk + `"/></a:solidFill>`)
	latin(&b, font)
	b.raw(`</a:defRPr></a:pPr><a:endParaRPr lang="`)
	b.attr(lang)
	b.raw(`"/></a:p></c:txPr>`)
	b.raw(`<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`)
	return b.Bytes()
}

// latin names the house font for Latin, East Asian and complex scripts.
func latin(b *xb, font string) {
	for _, e := range []string{"a:latin", "a:ea", "a:cs"} {
		b.raw(`<` + e + ` typeface="`)
		b.attr(font)
		b.raw(`"/>`)
	}
}

// txPr writes the text properties of an axis, legend or labels: 9 pt in
// colour, bold when asked.
func txPr(b *xb, lang, colour string, bold bool) {
	bo := ""
	if bold {
		bo = ` b="1"`
	}
	// Horizontal, as every text of the drawing: an application skips
	// labels that do not fit rather than turning them.
	b.raw(`<c:txPr><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"` + bo + `><a:solidFill><a:srgbClr val="` + colour + `"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="`)
	b.attr(lang)
	b.raw(`"/></a:p></c:txPr>`)
}

// axisLine is an axis' line.
func axisLine(b *xb, colour string) {
	b.raw(`<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="` + colour + `"/></a:solidFill></a:ln></c:spPr>`)
}

// axisTitle writes an axis' title, horizontal as the drawing's, when it
// has one.
func axisTitle(b *xb, t, lang string) {
	if t == "" {
		return
	}
	b.raw(`<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:p><a:pPr><a:defRPr sz="900" b="0"/></a:pPr><a:r><a:rPr lang="`)
	b.attr(lang)
	b.raw(`" sz="900" b="0"/><a:t>`)
	b.text(t)
	b.raw(`</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`)
}

// fill writes a bar's fill: the colour, or hatching over it.
func fill(b *xb, colour, hatch string) {
	if hatch == "" {
		b.raw(`<a:solidFill><a:srgbClr val="` + colour + `"/></a:solidFill>`)
		return
	}
	b.raw(`<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="` + hatch + `"/></a:fgClr><a:bgClr><a:srgbClr val="` + colour + `"/></a:bgClr></a:pattFill>`)
}

// serName writes a series' c:tx: its name cell and cached name.
func serName(b *xb, col, name string) {
	b.raw(`<c:tx><c:strRef><c:f>` + ref(col, 1, 1) + `</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>`)
	b.text(name)
	b.raw(`</c:v></c:pt></c:strCache></c:strRef></c:tx>`)
}

// categories writes a series' c:cat: the category cells and cache, on
// two levels when the chart has groups (CT_MultiLvlStrRef: the
// categories' level first, then the groups').
func categories(b *xb, d *doc.ChartData) {
	n := len(d.Categories)
	if levels(d) == 2 {
		b.raw(`<c:cat><c:multiLvlStrRef><c:f>` + chartSh + `!$A$2:$B$` + strconv.Itoa(n+1) + `</c:f><c:multiLvlStrCache>`)
		b.rawInts(`<c:ptCount val="`, n, `"/><c:lvl>`)
		for i, c := range d.Categories {
			b.rawInts(`<c:pt idx="`, i, `"><c:v>`)
			b.text(c)
			b.raw(`</c:v></c:pt>`)
		}
		b.raw(`</c:lvl><c:lvl>`)
		for _, g := range d.Groups {
			b.rawInts(`<c:pt idx="`, g.From, `"><c:v>`)
			b.text(g.Label)
			b.raw(`</c:v></c:pt>`)
		}
		b.raw(`</c:lvl></c:multiLvlStrCache></c:multiLvlStrRef></c:cat>`)
		return
	}
	b.raw(`<c:cat><c:strRef><c:f>` + ref("A", 2, n+1) + `</c:f><c:strCache>`)
	b.rawInts(`<c:ptCount val="`, n, `"/>`)
	for i, c := range d.Categories {
		b.rawInts(`<c:pt idx="`, i, `"><c:v>`)
		b.text(c)
		b.raw(`</c:v></c:pt>`)
	}
	b.raw(`</c:strCache></c:strRef></c:cat>`)
}

// values writes a series' figures under tag (c:val, c:xVal): the cells
// and the cache, without the missing ones.
func values(b *xb, tag, col string, s doc.ChartSeries) {
	n := len(s.Values)
	b.raw(`<` + tag + `><c:numRef><c:f>` + ref(col, 2, n+1) + `</c:f><c:numCache><c:formatCode>`)
	b.text(s.Format)
	b.rawInts(`</c:formatCode><c:ptCount val="`, n, `"/>`)
	for i, v := range s.Values {
		if s.Missing[i] || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		b.rawInts(`<c:pt idx="`, i, `"><c:v>`)
		b.raw(num(excel(v)))
		b.raw(`</c:v></c:pt>`)
	}
	b.raw(`</c:numCache></c:numRef></` + tag + `>`)
}

// labels writes a series' value labels at pos, on a patch of the bar's
// colour when it is hatched.
func labels(b *xb, s doc.ChartSeries, pos, lang string) {
	if !s.Labels {
		return
	}
	format := s.Format
	if pos == "ctr" && !strings.Contains(format, ";") {
		format += ";-" + format + ";" // a stacked part of zero draws nothing, and is not labelled
	}
	b.raw(`<c:dLbls><c:numFmt formatCode="`)
	b.attr(format)
	b.raw(`" sourceLinked="0"/>`)
	switch {
	case s.Hatch != "" && pos == "ctr":
		b.raw(`<c:spPr><a:solidFill><a:srgbClr val="` + s.Colour + `"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`)
	case s.Line:
		// On a white patch, as the drawing's halo, so it reads over bars.
		b.raw(`<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`)
	default:
		b.raw(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	}
	txPr(b, lang, orDefault(s.LabelColour, chartInk), s.Bold)
	b.raw(`<c:dLblPos val="` + pos + `"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
}

// barSeries writes series i as a c:ser of the bar chart (CT_BarSer).
func barSeries(b *xb, d *doc.ChartData, i int, lang string) {
	s := d.Series[i]
	col := column(d, i)
	b.rawInts(`<c:ser><c:idx val="`, i, `"/><c:order val="`, i, `"/>`)
	serName(b, col, s.Name)
	b.raw(`<c:spPr>`)
	fill(b, s.Colour, s.Hatch)
	b.raw(`<a:ln w="7200"><a:solidFill><a:srgbClr val="` + chartAxis + `"/></a:solidFill></a:ln></c:spPr><c:invertIfNegative val="0"/>`)
	pos := "outEnd"
	if d.Kind == doc.StackedBar {
		pos = "ctr"
	}
	labels(b, s, pos, lang)
	categories(b, d)
	values(b, "c:val", col, s)
	b.raw(`</c:ser>`)
}

// lineSeries writes series i as a c:ser of the line chart (CT_LineSer):
// a line with markers, or dashed without.
func lineSeries(b *xb, d *doc.ChartData, i int, lang string) {
	s := d.Series[i]
	col := column(d, i)
	b.rawInts(`<c:ser><c:idx val="`, i, `"/><c:order val="`, i, `"/>`)
	serName(b, col, s.Name)
	lineProps(b, s)
	if s.Dashed {
		b.raw(`<c:marker><c:symbol val="none"/></c:marker>`)
	} else {
		b.raw(`<c:marker><c:symbol val="circle"/><c:size val="7"/><c:spPr><a:solidFill><a:srgbClr val="` + s.Colour + `"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:marker>`)
	}
	labels(b, s, "r", lang) // beside the marker, clear of the bar's label above it
	categories(b, d)
	values(b, "c:val", col, s)
	b.raw(`<c:smooth val="0"/></c:ser>`)
}

// lineProps is a line series' stroke.
func lineProps(b *xb, s doc.ChartSeries) {
	b.raw(`<c:spPr><a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="` + s.Colour + `"/></a:solidFill>`)
	if s.Dashed {
		b.raw(`<a:prstDash val="dash"/>`)
	}
	b.raw(`<a:round/></a:ln></c:spPr>`)
}

// averageSeries writes series i, a value the same in every row, as a
// c:ser of a scatter chart (CT_ScatterSer): x its cells, y the middle of
// each row (counted from the bottom, as the rows run from the top), so
// it draws a dashed line down the bars.
func averageSeries(b *xb, d *doc.ChartData, i int) {
	s := d.Series[i]
	col := column(d, i)
	b.rawInts(`<c:ser><c:idx val="`, i, `"/><c:order val="`, i, `"/>`)
	serName(b, col, s.Name)
	lineProps(b, s)
	b.raw(`<c:marker><c:symbol val="none"/></c:marker>`)
	values(b, "c:xVal", col, s)
	n := len(d.Categories)
	b.rawInts(`<c:yVal><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="`, n, `"/>`)
	for r := range n {
		b.rawInts(`<c:pt idx="`, r, `"><c:v>`)
		b.raw(num(float64(n-r) - 0.5))
		b.raw(`</c:v></c:pt>`)
	}
	b.raw(`</c:numLit></c:yVal><c:smooth val="0"/></c:ser>`)
}

// chartFrame writes the inline graphic frame of a native chart: its
// printed size, its alternative text and title on wp:docPr, and the
// chart's relationship.
func (w *writer) chartFrame(f *doc.Figure, rid string, cx, cy int64, title string) {
	w.inline(orDefault(f.Label, ""), f.Alt, cx, cy, title)
	w.b.raw(`<wp:cNvGraphicFramePr/>`)
	w.b.raw(`<a:graphic xmlns:a="` + nsA + `"><a:graphicData uri="` + nsC + `"><c:chart xmlns:c="` + nsC + `" r:id="` + rid + `"/></a:graphicData></a:graphic>`)
	w.b.raw(`</wp:inline></w:drawing></w:r>`)
}
