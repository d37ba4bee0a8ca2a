package pack_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"github.com/paperhq/paper/report/diag"
	docxw "github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/hiddentext"
	"github.com/paperhq/paper/report/internal/hostile"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pack/packtest"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// hiddenAgenda is a meeting with one outside PDF, item 2; %s is the
// rest of its entry.
const hiddenAgenda = `council: Kingsbridge City Council
committee: Audit and Governance Committee
date: 2026-12-14
items:
  - {title: Apologies for absence, text: To receive apologies for absence.}
  - {title: Minutes of the previous meeting, pdf: minutes.pdf%s}
`

// TestHiddenTextCatalogue puts every hostile case that hides text into a
// pack as the minutes: the public pack fails naming the item, the file,
// the page, how the text is hidden and its first characters, and writes
// nothing; with allow_hidden_text: true it is built, with the finding as
// a warning; as an exempt item it goes only into the exempt pack, with
// the finding as a warning.
func TestHiddenTextCatalogue(t *testing.T) {
	pdftotext := tooltest.Require(t, "pdftotext")
	for _, c := range hostile.Cases() {
		if strings.HasPrefix(c.Name, "visible-") {
			t.Run(c.Name, func(t *testing.T) { visibleControl(t, pdftotext, c) })
			continue
		}
		if c.Hidden == "" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "minutes.pdf"), c.Build(), 0o644); err != nil {
				t.Fatal(err)
			}
			agenda := filepath.Join(dir, "agenda.yaml")
			out := filepath.Join(dir, "out")
			// agenda.yaml:LINE:COL: items[N] (TITLE): FILE page P: text HOW: "EXCERPT
			want := regexp.MustCompile("^" + regexp.QuoteMeta(agenda) + `:6:\d+: (warning: )?` +
				regexp.QuoteMeta("items[1] (Minutes of the previous meeting): minutes.pdf page 1: text ") +
				".*" + regexp.QuoteMeta(c.Hidden) + `.*: "` + regexp.QuoteMeta(c.HiddenText))
			finding := func(l diag.List, severity diag.Severity) bool {
				for _, d := range l {
					if d.Severity == severity && want.MatchString(d.String()) {
						return true
					}
				}
				return false
			}

			write(t, agenda, fmt.Sprintf(hiddenAgenda, ""))
			_, err := pack.Build(agenda, pack.Options{OutDir: out})
			if err == nil {
				t.Fatal("the public pack was built with hidden text in it")
			}
			if l := diag.As(err); !finding(l, diag.Error) {
				t.Errorf("no error matching %s in:\n%v", want, err)
			}
			if !strings.Contains(err.Error(), "allow_hidden_text: true") {
				t.Errorf("the error does not say how to publish a checked file:\n%v", err)
			}
			if _, serr := os.Stat(out); serr == nil {
				t.Errorf("a failed pack wrote %s", out)
			}
			if l := pack.Check(agenda); !finding(l, diag.Error) {
				t.Errorf("paper check does not report the finding as an error:\n%v", l)
			}

			write(t, agenda, fmt.Sprintf(hiddenAgenda, ", allow_hidden_text: true"))
			res, err := pack.Build(agenda, pack.Options{OutDir: out})
			if err != nil {
				t.Fatalf("allow_hidden_text: true: %v", err)
			}
			if !finding(res.Warnings, diag.Warning) {
				t.Errorf("allowed: no warning with the finding in:\n%v", res.Warnings)
			}
			text, err := exec.Command(pdftotext, "-layout", filepath.Join(out, "agenda-public.pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range c.Visible {
				if !bytes.Contains(text, []byte(v)) {
					t.Errorf("allowed: the public pack lacks %q", v)
				}
			}

			write(t, agenda, fmt.Sprintf(hiddenAgenda, ", exempt_paragraphs: [1]"))
			res, err = pack.Build(agenda, pack.Options{OutDir: out})
			if err != nil {
				t.Fatalf("exempt item: %v", err)
			}
			if !finding(res.Warnings, diag.Warning) || !strings.Contains(res.Warnings.Error(), "exempt pack only") {
				t.Errorf("exempt: no warning with the finding in:\n%v", res.Warnings)
			}
		})
	}
}

// visibleControl puts a negative control of the catalogue, text a reader
// sees, into a public pack: it is published, with no finding, and its
// text is in the pack.
func visibleControl(t *testing.T, pdftotext string, c hostile.Case) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "minutes.pdf"), c.Build(), 0o644); err != nil {
		t.Fatal(err)
	}
	agenda := filepath.Join(dir, "agenda.yaml")
	write(t, agenda, fmt.Sprintf(hiddenAgenda, ""))
	res, err := pack.Build(agenda, pack.Options{})
	if err != nil {
		t.Fatalf("a file with no hidden text was refused: %v", err)
	}
	// The catalogue's files are untagged: that warning, and no other.
	for _, w := range res.Warnings {
		if !strings.Contains(w.String(), "minutes.pdf, is not a tagged PDF") {
			t.Errorf("warning: %v", w)
		}
	}
	text, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "agenda-public.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range c.Visible {
		if !bytes.Contains(text, []byte(v)) {
			t.Errorf("the public pack lacks %q", v)
		}
	}
}

// TestHiddenTextInAppendix puts hidden text into a Part I paper's public
// appendix (an error naming the paper's item and the appendix file) and
// into its exempt appendix (a warning only: it never reaches the public
// pack).
func TestHiddenTextInAppendix(t *testing.T) {
	var box, redact hostile.Case
	for _, c := range hostile.Cases() {
		switch c.Name {
		case "hidden-black-box":
			box = c
		case "hidden-redact-annotation":
			redact = c
		}
	}
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1})
	if err != nil {
		t.Fatal(err)
	}
	paper := filepath.Join(dir, "paper01")
	exempt, _ := filepath.Glob(filepath.Join(paper, "appendix-b-*.pdf"))
	if len(exempt) != 1 {
		t.Fatalf("fixture: exempt appendix B: %v", exempt)
	}
	if err := os.WriteFile(filepath.Join(paper, "appendix-a.pdf"), box.Build(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exempt[0], redact.Build(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = pack.Build(m.Agenda, pack.Options{})
	if err == nil {
		t.Fatal("a public appendix with hidden text was published")
	}
	title := m.Items[3].Title
	want := fmt.Sprintf(`items[3] (%s): appendix-a.pdf page 1: text under an opaque box drawn over it: "%s`, title, box.HiddenText)
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
	for _, d := range diag.As(err) {
		if strings.Contains(d.Msg, "HIDDEN-REDACT") {
			t.Errorf("the exempt appendix's finding is an error: %s", d)
		}
	}

	edit(t, m.Agenda, "{report: paper01/report.yaml}", "{report: paper01/report.yaml, allow_hidden_text: true}")
	res, err := pack.Build(m.Agenda, pack.Options{})
	if err != nil {
		t.Fatalf("allow_hidden_text: true on the paper's item: %v", err)
	}
	w := res.Warnings.Error()
	for _, s := range []string{want, `: text under an unapplied Redact annotation: "` + redact.HiddenText + `" (in the exempt pack only)`} {
		if !strings.Contains(w, s) {
			t.Errorf("warnings lack %q:\n%s", s, w)
		}
	}
	if strings.Contains(w, "no hidden text was found") {
		t.Errorf("a needed allowance is called stale:\n%s", w)
	}

	// Once the public appendix is clean, the allowance is stale: it would
	// let the next version of the file through unchecked.
	if err := os.WriteFile(filepath.Join(paper, "appendix-a.pdf"), onlyVisible(t), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = pack.Build(m.Agenda, pack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stale := "items[3].allow_hidden_text: item 4 (" + title + "): no hidden text was found in what this item publishes; remove allow_hidden_text"
	if !strings.Contains(res.Warnings.Error(), stale) {
		t.Errorf("warnings lack %q:\n%s", stale, res.Warnings)
	}
}

// onlyVisible is a negative control of the catalogue: a file whose text
// a reader sees.
func onlyVisible(t *testing.T) []byte {
	for _, c := range hostile.Cases() {
		if c.Name == "visible-table-cell" {
			return c.Build()
		}
	}
	t.Fatal("no visible-table-cell case")
	return nil
}

// TestOwnPapersHaveNoHiddenText runs the detector over what paper lays
// out itself, the example paper and the packs of the example meeting and
// of the shared fixture meeting (whose outside PDFs paper's writer also
// made): none of it may look like hidden text. Charts carry their
// alternative text in the structure tree (/Alt), not as invisible text.
func TestOwnPapersHaveNoHiddenText(t *testing.T) {
	p, errs := pipeline.Prepare(filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml"), pipeline.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var paperPDF bytes.Buffer
	if _, err := pdf.Write(&paperPDF, p.Doc); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	res, err := pack.Build(filepath.Join("..", "..", "examples", "meeting", "agenda.yaml"), pack.Options{OutDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	fixture := meeting(t)
	for _, w := range append(res.Warnings, fixture.res.Warnings...) {
		if strings.Contains(w.Msg, "text ") && strings.Contains(w.Msg, " page ") {
			t.Errorf("hidden-text warning for paper's own PDFs: %s", w)
		}
	}
	files := map[string][]byte{"example paper": paperPDF.Bytes()}
	for _, f := range append(res.Files, fixture.public, fixture.exempt) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(f)] = data
	}
	for name, data := range files {
		for _, f := range scanPDF(t, data) {
			t.Errorf("%s: %s", name, f)
		}
	}
}

// TestOfficeExportHasNoHiddenText checks the detector against PDFs
// another producer makes, as a council's outside PDFs are: the example
// paper's DOCX saved as PDF by LibreOffice (tables with shaded cells,
// charts as pictures, headers and footers) has no finding.
func TestOfficeExportHasNoHiddenText(t *testing.T) {
	soffice := tooltest.Require(t, "soffice")
	p, errs := pipeline.Prepare(filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml"), pipeline.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	dir := t.TempDir()
	var docx bytes.Buffer
	if err := docxw.Write(&docx, p.Doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "paper.docx"), docx.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "paper.docx"))
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(filepath.Join(dir, "paper.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range scanPDF(t, data) {
		t.Errorf("LibreOffice's PDF: %s", f)
	}
}

// scanPDF reads a PDF as the pack does and scans it.
func scanPDF(t *testing.T, data []byte) []hiddentext.Finding {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err == nil {
		err = validate.XRefTable(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	fs, err := hiddentext.Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}
