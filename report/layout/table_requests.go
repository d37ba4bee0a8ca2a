package layout

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
)

// requestsTable: information requests and enquiries, a row per type, by
// year.
var requestsTable = &tableKind{
	Kind: Kind{
		Name:    "requests",
		Doc:     "information requests (FOI, EIR, their internal reviews, SAR) and member and MP enquiries: for each type the number received, the percentage answered on time and, for FOI and EIR, the ICO's band, by year",
		Options: []Option{{Key: "years", Type: OptionYears}},
	},
	bind: (*binder).requests,
}

// requestNames are the row labels of the requests table, by type.
var requestNames = [caselog.NumTypes]string{
	caselog.FOI:           "Freedom of Information requests",
	caselog.FOIReview:     "FOI internal reviews",
	caselog.EIR:           "Environmental Information Regulations requests",
	caselog.EIRReview:     "EIR internal reviews",
	caselog.SAR:           "Subject access requests",
	caselog.MemberEnquiry: "Member enquiries",
	caselog.MPEnquiry:     "MP enquiries",
}

// requestsSource is the years of the case log's requests and enquiries.
func requestsSource(r *metrics.Requests) yearSource {
	return yearSource{name: "the case log's requests and enquiries", years: r.YearLabels(), has: func(y string) bool {
		_, err := r.Lookup(caselog.FOI, y, "")
		return err == nil
	}}
}

// requests is the table of reference 004's information governance
// figures: a row per type with any received in the years shown, and for
// each year the number received, the percentage answered on time and the
// ICO's band (FOI and EIR). Request counts are not suppressed: they count
// requests for information, not complaints about a person's own case,
// and the table has no by-service rows (see README).
func (b *binder) requests(t *definition.MetricsTable) (*doc.Table, string) {
	r := b.requestFigures("")
	if r == nil {
		return nil, ""
	}
	years, ok := b.years(t.Years, requestsSource(r), 2)
	if !ok {
		return nil, ""
	}
	out := &doc.Table{Kind: doc.Grid, Description: "Information requests and enquiries: received, the percentage answered on time and the ICO's band, " + strings.Join(years, ", ")}
	out.Columns = append(out.Columns, doc.Column{Width: 3})
	h1 := []doc.Cell{text("")}
	h2 := []doc.Cell{text("")}
	for _, y := range years {
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right}, doc.Column{Width: 1, Align: doc.Right}, doc.Column{Width: 1.4})
		h1 = append(h1, doc.Cell{Content: doc.Bold(y), Span: 3, Align: doc.Center, AlignSet: true})
		h2 = append(h2, num("Received"), num("On time"), text("ICO band"))
	}
	out.Header = [][]doc.Cell{h1, h2}
	for _, ty := range caselog.RequestTypes {
		figs := make([]*metrics.Request, len(years))
		seen := false
		for i, y := range years {
			figs[i], _ = r.Lookup(ty, y, "")
			seen = seen || figs[i].Received > 0
		}
		if !seen {
			continue
		}
		row := []doc.Cell{text(requestNames[ty])}
		for _, f := range figs {
			band := ""
			if metrics.Banded(ty) {
				band = NA
				if f.Band != nil {
					band = bandLabel(*f.Band)
				}
			}
			row = append(row, num(count(f.Received)), num(b.p.pct(f.OnTimeRate)), text(band))
		}
		out.Rows = append(out.Rows, row)
	}
	if len(out.Rows) == 0 {
		b.errorf("", "the case log has no information requests or enquiries received in %s", strings.Join(years, ", "))
		return nil, ""
	}
	return out, fmt.Sprintf("ICO bands of the share answered within the time limit: %s 95%% or more, %s 90%% to under 95%%, %s under 90%%.",
		bandLabel(metrics.Good), bandLabel(metrics.Adequate), bandLabel(metrics.Unsatisfactory))
}

// bandLabel is a band as a table prints it: "Good".
func bandLabel(b metrics.Band) string {
	s := string(b)
	return strings.ToUpper(s[:1]) + s[1:]
}

// isRequestMetric reports whether a metric name is an information
// request's or enquiry's ("foi.on_time_rate").
func isRequestMetric(name string) bool {
	_, _, ok := metrics.RequestMetric(name)
	return ok
}
