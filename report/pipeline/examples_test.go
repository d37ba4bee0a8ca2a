package pipeline

import (
	"regexp"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// TestExamplePaperReproducesTheReferenceFigures builds the example paper
// from its case log and Ombudsman letter and checks that the built PDF
// states the figures of the reference paper it follows: Ombudsman
// enquiries 47 (34% on time), 36 (53%) and 39 (69%); about 3,100 stage 1
// and 237 stage 2 complaints in 2020/21; 95% compliance, 83% upheld and 4%
// remedied.
func TestExamplePaperReproducesTheReferenceFigures(t *testing.T) {
	out := t.TempDir()
	res, err := Build("../../examples/lgsco-annual-review/report.yaml", Options{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("the example builds with warnings:\n%v", res.Warnings)
	}
	raw := tooltest.Run(t, "pdftotext", out+"/report.pdf", "-")
	text := strings.Join(strings.Fields(string(raw)), " ")
	for _, want := range []*regexp.Regexp{
		// The three-year table: number and percentage on time per year
		// (pdftotext may read the row label after the year headings).
		regexp.MustCompile(`Table 1: Ombudsman enquiries received and answered on time .{0,120}?2018/19 .{0,120}?47 34% 36 53% 39 69%`),
		// The prose cites the same figures.
		regexp.MustCompile(`Enquiries fell from 47 in 2018/19 to 39 in 2020/21`),
		regexp.MustCompile(`rose from 34% to 69%`),
		regexp.MustCompile(`complied with 95% of the Ombudsman’s recommendations`),
		regexp.MustCompile(`upheld 83% of the complaints it investigated`),
		regexp.MustCompile(`only 4% of upheld cases`),
		regexp.MustCompile(`received 3,1\d\d stage 1 complaints; 237 \(7\.6%\) went on to stage 2 and 39 reached the Ombudsman`),
	} {
		if !want.MatchString(text) {
			t.Errorf("the example's PDF text lacks %q", want)
		}
	}
}
