package pack_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pack/packtest"
)

// built is a fixture meeting with its two packs, built once and shared by
// the tests that only read them.
type built struct {
	m              *packtest.Meeting
	public, exempt string
	res            pack.Result
}

var (
	sharedOnce sync.Once
	shared     *built
	sharedErr  error
	sharedDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range []string{sharedDir, siteDir} {
		if d != "" {
			os.RemoveAll(d)
		}
	}
	os.Exit(code)
}

// meeting returns the shared fixture: three papers (the 2nd is Part II,
// the 1st and 3rd have an exempt appendix B), public minutes and an
// exempt PDF item.
func meeting(t *testing.T) *built {
	t.Helper()
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "packtest")
		if sharedErr != nil {
			return
		}
		shared, sharedErr = buildIn(sharedDir, packtest.Spec{Papers: 3})
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func buildIn(dir string, spec packtest.Spec) (*built, error) {
	m, err := packtest.Write(dir, spec)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out")
	res, err := pack.Build(m.Agenda, pack.Options{OutDir: out})
	if err != nil {
		return nil, err
	}
	return &built{m: m, res: res, public: filepath.Join(out, "agenda-public.pdf"), exempt: filepath.Join(out, "agenda-exempt.pdf")}, nil
}

// pages returns the text of every page as pdftotext reads it (layout
// mode), page 1 first.
func pages(t *testing.T, path string) []string {
	t.Helper()
	out := string(tooltest.Run(t, "pdftotext", "-layout", path, "-"))
	ps := strings.Split(out, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	return ps
}

// decompressed returns the file as qpdf writes it with every stream
// decompressed and no object streams: what a person searching the file
// would see.
func decompressed(t *testing.T, path string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "qdf.pdf")
	tooltest.Run(t, "qpdf", "--qdf", "--object-streams=disable", "--decode-level=all", path, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// encodings lists the forms a text can take inside a PDF file: as is,
// UTF-16BE (text strings), and hex-encoded (hex strings), in both cases
// of hex digits.
func encodings(s string) map[string][]byte {
	var u16 []byte
	for _, u := range utf16.Encode([]rune(s)) {
		u16 = append(u16, byte(u>>8), byte(u))
	}
	return map[string][]byte{
		"plain":          []byte(s),
		"UTF-16BE":       u16,
		"hex":            []byte(hex.EncodeToString([]byte(s))),
		"HEX":            []byte(strings.ToUpper(hex.EncodeToString([]byte(s)))),
		"hex UTF-16BE":   []byte(hex.EncodeToString(u16)),
		"HEX UTF-16BE":   []byte(strings.ToUpper(hex.EncodeToString(u16))),
		"escaped UTF-16": []byte(escapedUTF16(s)),
	}
}

// escapedUTF16 is UTF-16BE in a literal string with octal escapes for
// the zero bytes, as some writers produce.
func escapedUTF16(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(`\000`)
		b.WriteRune(r)
	}
	return b.String()
}

// find reports where marker occurs in b, in any of its encodings.
func find(b []byte, marker string) []string {
	var found []string
	for name, enc := range encodings(marker) {
		if bytes.Contains(b, enc) {
			found = append(found, name)
		}
	}
	return found
}

// TestPublicPackCarriesNoExemptMaterial plants unique markers in every
// place exempt information can hide (a Part II paper's text, exempt
// appendix and exempt PDF item pages, their metadata, bookmarks,
// attachments, file names and unreferenced objects) and searches the
// public pack for them: its raw bytes, its fully decompressed form and
// its text, in every encoding text takes in a PDF.
func TestPublicPackCarriesNoExemptMaterial(t *testing.T) {
	b := meeting(t)
	if len(b.m.Exempt) < 30 {
		t.Fatalf("fixture plants only %d exempt markers", len(b.m.Exempt))
	}
	raw, err := os.ReadFile(b.public)
	if err != nil {
		t.Fatal(err)
	}
	haystacks := map[string][]byte{
		"raw file":            raw,
		"decompressed file":   decompressed(t, b.public),
		"text (pdftotext)":    tooltest.Run(t, "pdftotext", b.public, "-"),
		"text (layout)":       tooltest.Run(t, "pdftotext", "-layout", b.public, "-"),
		"metadata (pdfinfo)":  tooltest.Run(t, "pdfinfo", "-meta", b.public),
		"bookmarks (qpdf)":    tooltest.Run(t, "qpdf", "--json", "--json-key=outlines", b.public),
		"attachments (qpdf)":  tooltest.Run(t, "qpdf", "--list-attachments", b.public),
		"objects (qpdf json)": tooltest.Run(t, "qpdf", "--json", "--json-key=qpdf", b.public),
	}
	// Every exempt marker starts XQZ and every public-but-never-carried
	// one PUBQZ: search for the prefixes in every encoding, then name the
	// markers found.
	for where, hay := range haystacks {
		for _, set := range []struct {
			prefix, what string
			markers      []packtest.Marker
		}{
			{"XQZ", "exempt marker", b.m.Exempt},
			{"PUBQZ", "marker from a part of a public PDF that a pack never carries", b.m.Public},
		} {
			if enc := find(hay, set.prefix); len(enc) > 0 {
				t.Errorf("%s prefix %s found in the public pack's %s (%v)", set.what, set.prefix, where, enc)
				for _, mk := range set.markers {
					if enc := find(hay, mk.Text); len(enc) > 0 {
						t.Errorf("  %s from %s (%v)", set.what, mk.Where, enc)
					}
				}
			}
		}
	}
	if t.Failed() {
		return
	}

	// The search can find what it looks for: every marker planted in a
	// file is found in that file by the same search, and every marker
	// printed on a page is found in the exempt pack's text.
	sources := map[string][]byte{}
	for _, it := range b.m.Items {
		var files []string
		if it.Kind == "pdf" {
			files = append(files, it.Path)
		}
		if it.Kind == "report" {
			dir := filepath.Dir(it.Path)
			matches, _ := filepath.Glob(filepath.Join(filepath.Dir(b.m.Agenda), dir, "*.pdf"))
			for _, f := range matches {
				rel, _ := filepath.Rel(filepath.Dir(b.m.Agenda), f)
				files = append(files, rel)
			}
		}
		for _, f := range files {
			path := filepath.Join(filepath.Dir(b.m.Agenda), f)
			rawSrc, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sources[f] = append(append(append(rawSrc, decompressed(t, path)...), []byte(f)...), tooltest.Run(t, "pdftotext", path, "-")...)
		}
	}
	exemptText := tooltest.Run(t, "pdftotext", b.exempt, "-")
	for _, mk := range append(append([]packtest.Marker{}, b.m.Exempt...), b.m.Public...) {
		if mk.OnPage {
			if !bytes.Contains(exemptText, []byte(mk.Text)) {
				t.Errorf("marker printed on a page (%s) is missing from the exempt pack's text", mk.Where)
			}
			continue
		}
		found := false
		for _, src := range sources {
			if len(find(src, mk.Text)) > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("the search cannot find marker %s (%s) even in its own file", mk.Text, mk.Where)
		}
	}
}

// agendaPages reads the page numbers the front sheet gives each item,
// from the first pages of the pack's text.
func agendaPages(t *testing.T, texts []string, items []packtest.Item) map[int]int {
	t.Helper()
	front := strings.Join(texts[:min(3, len(texts))], "\n")
	got := map[int]int{}
	for i, it := range items {
		re := regexp.MustCompile(`(?m)^\s*` + strconv.Itoa(i+1) + `\s+` + regexp.QuoteMeta(it.Title) + `\s+(\d+)\s*$`)
		if m := re.FindStringSubmatch(front); m != nil {
			got[i+1], _ = strconv.Atoi(m[1])
		}
	}
	return got
}

var footerRE = regexp.MustCompile(`Page (\d+)( of \d+)?`)

// packNumbers returns the "Page N" labels on a page (not a source's own
// "Page N of M").
func packNumbers(text string) []int {
	var ns []int
	for _, m := range footerRE.FindAllStringSubmatch(text, -1) {
		if m[2] == "" {
			n, _ := strconv.Atoi(m[1])
			ns = append(ns, n)
		}
	}
	return ns
}

// TestPageNumbers reads both packs back and checks that every page is
// numbered with its place in the pack, and that the page the agenda gives
// for each item is the page where that item starts.
func TestPageNumbers(t *testing.T) {
	b := meeting(t)
	for _, tc := range []struct {
		name   string
		path   string
		exempt bool
	}{{"public", b.public, false}, {"exempt", b.exempt, true}} {
		t.Run(tc.name, func(t *testing.T) {
			texts := pages(t, tc.path)
			for i, p := range texts {
				if ns := packNumbers(p); len(ns) != 1 || ns[0] != i+1 {
					t.Errorf("page %d: pack page numbers %v, want [%d]", i+1, ns, i+1)
				}
			}
			starts := agendaPages(t, texts, b.m.Items)
			for i, it := range b.m.Items {
				n := i + 1
				page, ok := starts[n]
				if it.Kind == "text" {
					if ok {
						t.Errorf("item %d (%s) has no pages, but the agenda gives page %d", n, it.Title, page)
					}
					continue
				}
				if !ok {
					t.Errorf("item %d (%s): no page number on the agenda", n, it.Title)
					continue
				}
				if page < 2 || page > len(texts) {
					t.Errorf("item %d (%s): agenda page %d outside the pack (%d pages)", n, it.Title, page, len(texts))
					continue
				}
				// What the item's first page must show, and what the page
				// before must not (or it would not be the first).
				var want *regexp.Regexp
				switch {
				case it.Exempt && !tc.exempt:
					want = regexp.MustCompile(`Agenda item ` + strconv.Itoa(n) + `\b[\s\S]*NOT FOR PUBLICATION`)
				case it.Kind == "report":
					want = regexp.MustCompile(`Title of Report:\s+` + regexp.QuoteMeta(it.Title))
				default:
					want = regexp.MustCompile(regexp.QuoteMeta(it.FirstPage))
				}
				if !want.MatchString(texts[page-1]) {
					t.Errorf("item %d (%s): agenda says page %d, which does not show %q:\n%s", n, it.Title, page, want, texts[page-1])
				}
				if want.MatchString(texts[page-2]) {
					t.Errorf("item %d (%s): agenda says page %d, but it already starts on page %d", n, it.Title, page, page-1)
				}
			}
		})
	}
}

// outline is one bookmark as qpdf reports it.
type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

func bookmarks(t *testing.T, path string) []outline {
	t.Helper()
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal(tooltest.Run(t, "qpdf", "--json", "--json-key=outlines", path), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Outlines
}

// TestBookmarks checks one bookmark per item in agenda order, each
// leading to the page the agenda gives, with appendices beneath their
// paper leading to their own first page.
func TestBookmarks(t *testing.T) {
	b := meeting(t)
	for _, tc := range []struct {
		name   string
		path   string
		exempt bool
	}{{"public", b.public, false}, {"exempt", b.exempt, true}} {
		t.Run(tc.name, func(t *testing.T) {
			bms := bookmarks(t, tc.path)
			texts := pages(t, tc.path)
			starts := agendaPages(t, texts, b.m.Items)
			if len(bms) != len(b.m.Items)+1 {
				t.Fatalf("%d top-level bookmarks, want the front sheet and %d items: %+v", len(bms), len(b.m.Items), bms)
			}
			if bms[0].Title != "Front sheet and agenda" || bms[0].Page != 1 {
				t.Errorf("first bookmark %q -> page %d, want the front sheet on page 1", bms[0].Title, bms[0].Page)
			}
			for i, it := range b.m.Items {
				bm := bms[i+1]
				prefix := fmt.Sprintf("%d. %s", i+1, it.Title)
				if !strings.HasPrefix(bm.Title, prefix) {
					t.Errorf("bookmark %d is %q, want it to start %q", i+1, bm.Title, prefix)
				}
				want := starts[i+1]
				if it.Kind == "text" {
					want = 1 // the agenda, where its text is
				}
				if bm.Page != want {
					t.Errorf("bookmark %q leads to page %d, the agenda says %d", bm.Title, bm.Page, want)
				}
				var wantKids []packtest.Appendix
				paper := it.Kind == "report" && (tc.exempt || !it.Exempt)
				if paper {
					wantKids = it.Appendices
				}
				// A paper's headings come first, from its own bookmarks:
				// the first is its first heading, on its first page.
				heads := bm.Kids[:max(0, len(bm.Kids)-len(wantKids))]
				if paper && (len(heads) == 0 || heads[0].Title != "Purpose of Report" || heads[0].Page != want) {
					t.Errorf("bookmark %q: the paper's headings beneath it are %+v, want them from Purpose of Report on page %d", bm.Title, heads, want)
				}
				if !paper && len(heads) > 0 {
					t.Errorf("bookmark %q has %d bookmarks beneath it, want none", bm.Title, len(heads))
				}
				if len(bm.Kids) < len(wantKids) {
					t.Errorf("bookmark %q has %d bookmarks beneath it, want the %d appendices at least", bm.Title, len(bm.Kids), len(wantKids))
					continue
				}
				for j, ap := range wantKids {
					kid := bm.Kids[len(heads)+j]
					if !strings.HasPrefix(kid.Title, fmt.Sprintf("Appendix %s: %s", ap.Ref, ap.Title)) {
						t.Errorf("appendix bookmark %q, want Appendix %s: %s", kid.Title, ap.Ref, ap.Title)
					}
					page := texts[kid.Page-1]
					if ap.Exempt && !tc.exempt {
						if !strings.Contains(page, "NOT FOR PUBLICATION") || !strings.Contains(page, "Appendix "+ap.Ref) {
							t.Errorf("bookmark %q leads to page %d, which is not its notice:\n%s", kid.Title, kid.Page, page)
						}
						continue
					}
					if !strings.Contains(page, ap.FirstPage) || strings.Contains(texts[kid.Page-2], ap.FirstPage) {
						t.Errorf("bookmark %q leads to page %d, which is not where the appendix starts", kid.Title, kid.Page)
					}
				}
			}
		})
	}
}

// TestNotices checks the public pack's notices: one page for a Part II
// paper (its appendices included), one per exempt appendix and exempt
// document, each quoting its Schedule 12A paragraphs; and that the
// agenda lists the exempt items by title with their paragraphs.
func TestNotices(t *testing.T) {
	b := meeting(t)
	texts := pages(t, b.public)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	front := flat(texts[0])
	starts := agendaPages(t, texts, b.m.Items)
	for i, it := range b.m.Items {
		if !it.Exempt {
			continue
		}
		wording := "Exempt: " + exemptionWording(it.Paragraphs)
		if !strings.Contains(front, flat(wording)) {
			t.Errorf("agenda does not say %q for item %d", wording, i+1)
		}
		notice := flat(texts[starts[i+1]-1])
		for _, want := range []string{"Agenda item " + strconv.Itoa(i+1), it.Title, "NOT FOR PUBLICATION",
			"contains exempt information as described in " + exemptionWording(it.Paragraphs)} {
			if !strings.Contains(notice, want) {
				t.Errorf("item %d's notice lacks %q:\n%s", i+1, want, notice)
			}
		}
		for _, p := range it.Paragraphs {
			if !strings.Contains(notice, "Paragraph "+strconv.Itoa(p)) {
				t.Errorf("item %d's notice does not quote paragraph %d", i+1, p)
			}
		}
		// The notice is the item's only page: the next page is the next
		// item's (or the pack ends).
		if next := starts[i+1] + 1; next <= len(texts) {
			nextStart := 0
			for j := i + 2; j <= len(b.m.Items); j++ {
				if s, ok := starts[j]; ok {
					nextStart = s
					break
				}
			}
			if nextStart != next {
				t.Errorf("item %d's notice on page %d is followed by %d more page(s) before the next item", i+1, starts[i+1], nextStart-next)
			}
		}
	}
}

func exemptionWording(ps []int) string {
	words := make([]string, len(ps))
	for i, p := range ps {
		words[i] = strconv.Itoa(p)
	}
	tail := " of Part 1 of Schedule 12A to the Local Government Act 1972"
	if len(ps) == 1 {
		return "paragraph " + words[0] + tail
	}
	return "paragraphs " + strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1] + tail
}

// TestExemptPack checks the exempt pack holds everything in agenda order,
// with its own front sheet, and that every page is marked NOT FOR
// PUBLICATION with the paragraphs that apply to it.
func TestExemptPack(t *testing.T) {
	b := meeting(t)
	texts := pages(t, b.exempt)
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if !strings.Contains(flat(texts[0]), "Exempt pack for members of the Committee only") {
		t.Errorf("exempt pack's front sheet does not say what it is:\n%s", texts[0])
	}
	for i, p := range texts {
		if !strings.Contains(p, "NOT FOR PUBLICATION") || !strings.Contains(flat(p), "of Part 1 of Schedule 12A to the Local Government Act 1972") {
			t.Errorf("exempt pack page %d is not marked NOT FOR PUBLICATION with its paragraphs:\n%s", i+1, p)
		}
	}
	starts := agendaPages(t, texts, b.m.Items)
	prev := 0
	for i, it := range b.m.Items {
		if it.Kind == "text" {
			continue
		}
		s := starts[i+1]
		if s <= prev {
			t.Errorf("item %d starts on page %d, not after item before it (page %d)", i+1, s, prev)
		}
		prev = s
		if !it.Exempt {
			continue
		}
		// Every page of an exempt item carries its own paragraphs.
		end := len(texts)
		for j := i + 2; j <= len(b.m.Items); j++ {
			if e, ok := starts[j]; ok {
				end = e - 1
				break
			}
		}
		want := "by virtue of " + exemptionWording(it.Paragraphs)
		for p := s; p <= end; p++ {
			if !strings.Contains(flat(texts[p-1]), want) {
				t.Errorf("page %d of exempt item %d does not say %q", p, i+1, want)
			}
		}
		// Its documents are in the pack, not notices.
		if strings.Contains(texts[s-1], "Why this item is not published") {
			t.Errorf("exempt pack has a notice for item %d instead of the item", i+1)
		}
	}
	// Exempt appendices of public papers carry their own paragraphs.
	for _, bm := range bookmarks(t, b.exempt) {
		for _, kid := range bm.Kids {
			if strings.Contains(kid.Title, "Case summaries") {
				want := "by virtue of " + exemptionWording([]int{1, 2})
				if !strings.Contains(flat(texts[kid.Page-1]), want) {
					t.Errorf("exempt appendix %q (page %d) does not say %q", kid.Title, kid.Page, want)
				}
			}
		}
	}
}

// TestQpdfCheck runs qpdf --check on both packs: any error or warning
// fails (qpdf exits non-zero).
func TestQpdfCheck(t *testing.T) {
	b := meeting(t)
	for _, f := range []string{b.public, b.exempt} {
		out := tooltest.Run(t, "qpdf", "--check", f)
		if !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) {
			t.Errorf("qpdf --check %s:\n%s", filepath.Base(f), out)
		}
	}
}

// TestMetadata checks the packs' own document information: a title
// saying what the pack is, the council as author, the language, and the
// date from SOURCE_DATE_EPOCH or the meeting, never the wall clock.
func TestMetadata(t *testing.T) {
	b := meeting(t)
	for _, tc := range []struct{ path, title string }{
		{b.public, "Audit and Governance Committee, 14 December 2026: agenda pack"},
		{b.exempt, "Audit and Governance Committee, 14 December 2026: exempt pack (NOT FOR PUBLICATION)"},
	} {
		info := string(tooltest.Run(t, "pdfinfo", "-isodates", tc.path))
		for _, want := range []string{"Title:           " + tc.title, "Author:          Kingsbridge City Council",
			"CreationDate:    2026-12-14T00:00:00Z", "ModDate:         2026-12-14T00:00:00Z"} {
			if !strings.Contains(info, want) {
				t.Errorf("%s: pdfinfo lacks %q:\n%s", filepath.Base(tc.path), want, info)
			}
		}
		raw, _ := os.ReadFile(tc.path)
		if !bytes.Contains(raw, []byte("/Lang (en-GB)")) || !bytes.Contains(raw, []byte("/DisplayDocTitle true")) {
			t.Errorf("%s: language or display-title preference not set", filepath.Base(tc.path))
		}
	}
}

// TestDeterministic builds the same agenda twice and compares bytes, and
// checks SOURCE_DATE_EPOCH sets every date in the file.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 2})
	if err != nil {
		t.Fatal(err)
	}
	date := time.Unix(1767225600, 0) // 2026-01-01T00:00:00Z
	var outs [2]map[string][]byte
	for i := range outs {
		res, err := pack.Build(m.Agenda, pack.Options{OutDir: filepath.Join(dir, "out"+strconv.Itoa(i)), Date: date})
		if err != nil {
			t.Fatal(err)
		}
		outs[i] = map[string][]byte{}
		for _, f := range res.Files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			outs[i][filepath.Base(f)] = data
		}
	}
	if len(outs[0]) != 2 {
		t.Fatalf("wrote %d files, want the public and exempt packs", len(outs[0]))
	}
	dateRE := regexp.MustCompile(`D:(\d{14})`)
	for name, data := range outs[0] {
		if !bytes.Equal(data, outs[1][name]) {
			t.Errorf("%s differs between two builds of the same agenda", name)
		}
		dates := dateRE.FindAllSubmatch(data, -1)
		if len(dates) == 0 {
			t.Errorf("%s has no dates", name)
		}
		for _, d := range dates {
			if string(d[1]) != "20260101000000" {
				t.Errorf("%s has date %s, want SOURCE_DATE_EPOCH's 20260101000000", name, d[1])
			}
		}
	}
}

// TestProgress checks progress is reported item by item, in order.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	_, err = pack.Build(m.Agenda, pack.Options{OutDir: dir, Progress: func(f string, a ...any) {
		lines = append(lines, fmt.Sprintf(f, a...))
	}})
	if err != nil {
		t.Fatal(err)
	}
	next := 0
	for i, it := range m.Items {
		if it.Kind == "text" {
			continue
		}
		prefix := fmt.Sprintf("item %d: ", i+1)
		found := false
		for j := next; j < len(lines); j++ {
			if strings.HasPrefix(lines[j], prefix) && strings.Contains(lines[j], filepath.Base(it.Path)) {
				next, found = j+1, true
				break
			}
		}
		if !found {
			t.Errorf("no progress line for %s naming %s, in order:\n%s", prefix, it.Path, strings.Join(lines, "\n"))
		}
	}
	for _, want := range []string{"assembling the public pack", "assembling the exempt pack", "writing the public pack", "writing the exempt pack"} {
		if !strings.Contains(strings.Join(lines, "\n"), want) {
			t.Errorf("progress lacks %q", want)
		}
	}
}

// TestNothingExempt: an agenda with nothing exempt writes only the
// public pack, and warns about an exempt pack left from an earlier build.
func TestNothingExempt(t *testing.T) {
	dir := t.TempDir()
	agenda := filepath.Join(dir, "meeting.yaml")
	write(t, agenda, `council: Kingsbridge City Council
committee: Audit and Governance Committee
date: 2026-12-14
items:
  - {title: Apologies for absence, text: To receive apologies.}
  - {title: Minutes, pdf: minutes.pdf}
`)
	minutes(t, filepath.Join(dir, "minutes.pdf"))
	stale := filepath.Join(dir, "meeting-exempt.pdf")
	write(t, stale, "stale")
	res, err := pack.Build(agenda, pack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || res.Files[0] != filepath.Join(dir, "meeting-public.pdf") {
		t.Errorf("wrote %v, want only meeting-public.pdf", res.Files)
	}
	if got, _ := os.ReadFile(stale); string(got) != "stale" {
		t.Errorf("the earlier exempt pack was changed")
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].String(), "earlier build") {
		t.Errorf("warnings %v, want one about the earlier exempt pack", res.Warnings)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// minutes writes a one-page PDF (the fixture's public minutes).
func minutes(t *testing.T, path string) {
	t.Helper()
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(m.Agenda), "minutes.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadInputs: each problem stops the build with exit-worthy errors
// that name the agenda item, and nothing is written: earlier packs are
// left as they were.
func TestBadInputs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		break_ func(t *testing.T, dir string)
		want   []string
	}{
		{"missing paper", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "paper01", "report.yaml"))
		}, []string{"agenda.yaml:", "item 4: paper01/report.yaml: no such file"}},
		{"missing PDF item", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "minutes.pdf"))
		}, []string{"agenda.yaml:", "item 3 (Minutes of the previous meeting): minutes.pdf: no such file"}},
		{"paper fails check", func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "paper02", "report.yaml"), "exempt_paragraphs: [3]", "exempt_paragraphs: []")
		}, []string{"item 5 (Settlement of claim 2): paper02/report.yaml does not pass check", "report.yaml:", "exempt_paragraphs"}},
		{"missing appendix file", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "paper01", "appendix-a.pdf"))
		}, []string{"item 4 (Complaints performance report 1): paper01/report.yaml does not pass check", "appendix-a.pdf"}},
		{"encrypted appendix", func(t *testing.T, dir string) {
			encrypt(t, filepath.Join(dir, "paper01", "appendix-a.pdf"), "secret")
		}, []string{"item 4 (Complaints performance report 1): appendix A (appendix-a.pdf): is encrypted", "paper01/report.yaml:"}},
		{"encrypted appendix that opens without a password", func(t *testing.T, dir string) {
			encrypt(t, filepath.Join(dir, "paper03", "appendix-a.pdf"), "")
		}, []string{"item 6 (Complaints performance report 3): appendix A (appendix-a.pdf): is encrypted"}},
		{"encrypted exempt PDF item", func(t *testing.T, dir string) {
			encrypt(t, filepath.Join(dir, "staffing-note-XQZFILENAME.pdf"), "secret")
		}, []string{"item 7 (Staffing matter): staffing-note-XQZFILENAME.pdf: is encrypted"}},
		{"truncated appendix", func(t *testing.T, dir string) {
			f := filepath.Join(dir, "paper01", "appendix-a.pdf")
			data, _ := os.ReadFile(f)
			os.WriteFile(f, data[:len(data)/2], 0o644)
		}, []string{"item 4 (Complaints performance report 1): appendix A (appendix-a.pdf): is damaged"}},
		{"appendix of garbage after a PDF header", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "paper01", "appendix-a.pdf"), "%PDF-1.7\n1 0 obj <<>>\n garbage\n%%EOF\n")
		}, []string{"item 4 (Complaints performance report 1): appendix A (appendix-a.pdf): is damaged"}},
		{"appendix that is not a PDF", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "paper01", "appendix-a.pdf"), "PK\x03\x04 a Word document saved as .pdf")
		}, []string{"item 4 (Complaints performance report 1): paper01/report.yaml does not pass check", "appendix-a.pdf is not a PDF file"}},
		{"PDF item that is a folder", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "minutes.pdf"))
			os.Mkdir(filepath.Join(dir, "minutes.pdf"), 0o755)
		}, []string{"item 3 (Minutes of the previous meeting): minutes.pdf: is not a regular file: it is a folder"}},
		{"item with two documents", func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "agenda.yaml"), "pdf: minutes.pdf}", "pdf: minutes.pdf, report: paper01/report.yaml}")
		}, []string{"agenda.yaml:", "items[2]: an item includes one document, a pdf or a report, found pdf and report"}},
		{"unknown key", func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "agenda.yaml"), "venue:", "venu:")
		}, []string{"agenda.yaml:6:1: venu: unknown key; did you mean venue?"}},
		{"exempt paragraph out of range", func(t *testing.T, dir string) {
			edit(t, filepath.Join(dir, "agenda.yaml"), "exempt_paragraphs: [1, 4]", "exempt_paragraphs: [1, 9]")
		}, []string{"agenda.yaml:", "items[6].exempt_paragraphs[1]: paragraph 9 does not exist"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			m, err := packtest.Write(dir, packtest.Spec{Papers: 3})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			earlier := filepath.Join(out, "agenda-public.pdf")
			write(t, earlier, "an earlier pack")
			tc.break_(t, dir)
			_, err = pack.Build(m.Agenda, pack.Options{OutDir: out})
			if err == nil {
				t.Fatal("build succeeded")
			}
			msg := err.Error()
			for _, want := range tc.want {
				if !strings.Contains(msg, want) {
					t.Errorf("error lacks %q:\n%s", want, msg)
				}
			}
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("output folder holds %v, want only the earlier pack", names)
			}
			if got, _ := os.ReadFile(earlier); string(got) != "an earlier pack" {
				t.Errorf("the earlier pack was overwritten")
			}
			if diags := pack.Check(m.Agenda); !diags.HasErrors() {
				t.Errorf("Check finds no error")
			} else if !strings.Contains(diags.Error(), tc.want[0]) {
				t.Errorf("Check's errors lack %q:\n%s", tc.want[0], diags.Error())
			}
		})
	}
}

func edit(t *testing.T, path, from, to string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(from)) {
		t.Fatalf("%s does not contain %q", path, from)
	}
	write(t, path, strings.Replace(string(data), from, to, 1))
}

func encrypt(t *testing.T, path, password string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := packtest.Encrypt(data, password)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, enc, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckGoodAgenda: Check passes the fixture meeting.
func TestCheckGoodAgenda(t *testing.T) {
	b := meeting(t)
	if diags := pack.Check(b.m.Agenda); diags.HasErrors() {
		t.Errorf("Check: %s", diags.Error())
	}
}

// TestLinks: web and e-mail links on the pack's pages still work: the
// front sheet's contact and a paper's contact e-mail.
func TestLinks(t *testing.T) {
	b := meeting(t)
	qdf := decompressed(t, b.public)
	for _, want := range []string{"/URI (mailto:complaints@kingsbridge.example)"} {
		if !bytes.Contains(qdf, []byte(want)) {
			t.Errorf("public pack lacks the link %s", want)
		}
	}
	if n := bytes.Count(qdf, []byte("/Subtype /Link")); n < len(b.m.Items)-4 {
		t.Errorf("only %d links in the public pack", n)
	}
}

// TestWarnings: a paper written for another meeting or committee is
// packed, with a warning naming the item.
func TestWarnings(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1})
	if err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(dir, "paper01", "report.yaml"), "meeting_date: 2026-12-14", "meeting_date: 2026-12-21")
	edit(t, filepath.Join(dir, "paper01", "report.yaml"), "committee: Audit and Governance Committee", "committee: Cabinet")
	res, err := pack.Build(m.Agenda, pack.Options{OutDir: filepath.Join(dir, "out")})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Warnings.Error()
	for _, want := range []string{
		"agenda.yaml:", "warning: items[3].report: item 4 (Complaints performance report 1): the paper is for a meeting on 21 December 2026, this agenda's meeting is on 14 December 2026",
		"item 4 (Complaints performance report 1): the paper is for the Cabinet, this agenda is the Audit and Governance Committee's",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
}
