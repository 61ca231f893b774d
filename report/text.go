package report

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// maxFindings caps the findings of text and markdown reports: a
// 7,500-session meeting has thousands. The JSON report lists them all.
const maxFindings = 100

func writeText(w *bufio.Writer, s *Sections) {
	var t table
	for _, f := range s.Call.Facts() {
		t.add(f[0], f[1])
	}
	t.add("Counts", countsLine(s.Counts))
	t.add("Streams", verdictLine(s.Verdicts))
	t.write(w)

	if len(s.Poor) > 0 {
		fmt.Fprintf(w, "\nPoor streams (%d)\n", len(s.Poor))
		t = table{}
		t.add("  FROM → TO", "MEDIA", "KIND", "REASONS")
		for _, p := range s.Poor {
			t.add("  "+text.Clean(p.From)+" → "+text.Clean(p.To), orDash(data.LabelWords(p.Media)), p.Kind, text.Clean(strings.Join(p.Reasons, "; ")))
		}
		t.write(w)
	}
	if len(s.Findings) > 0 {
		fmt.Fprintf(w, "\nFindings (%d)\n", len(s.Findings))
		shown, more := s.shownFindings()
		for _, f := range shown {
			fmt.Fprintf(w, "  %-8s %s\n", f.Severity, text.Clean(f.String()))
		}
		if more > 0 {
			fmt.Fprintf(w, "  … and %d more (--format json lists them all)\n", more)
		}
	}
	if len(s.Failures) > 0 {
		fmt.Fprintf(w, "\nFailures (%d)\n", len(s.Failures))
		t = table{}
		for _, f := range s.Failures {
			t.add("  "+text.Clean(f.Who), f.where(), orDash(data.Words("failureStage", f.Stage))+": "+orDash(f.Reason))
		}
		t.write(w)
	}
	writePSTNText(w, s.PSTN, s.pstnPaths)
	if len(s.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings (%d)\n", len(s.Warnings))
		for _, x := range s.Warnings {
			fmt.Fprintf(w, "  ! %s\n", text.Clean(x))
		}
	}
}

// table lines up the text report's columns by the cells a terminal draws
// (text.Width): a CJK name takes two cells a character, an accent or a
// skin tone none. text/tabwriter counts runes, which misaligns both. Cells
// are cleaned text; the last column is not padded.
type table struct {
	rows [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w *bufio.Writer) {
	var widths []int
	for _, row := range t.rows {
		for i, c := range row[:len(row)-1] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], text.Width(c))
		}
	}
	for _, row := range t.rows {
		for i, c := range row {
			w.WriteString(c)
			if i < len(row)-1 {
				w.WriteString(strings.Repeat(" ", widths[i]-text.Width(c)+2))
			}
		}
		w.WriteByte('\n')
	}
}
