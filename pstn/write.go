package pstn

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/text"
)

// Merge puts the rows of several logs in one list by time, earliest first;
// rows without a time (the dial-out report's) keep their order at the end.
func Merge(logs ...[]*Row) []*Row {
	var out []*Row
	for _, l := range logs {
		out = append(out, l...)
	}
	slices.SortStableFunc(out, func(a, b *Row) int {
		ta, tb := a.Time(), b.Time()
		switch {
		case ta.IsZero() && tb.IsZero():
			return 0
		case ta.IsZero():
			return 1
		case tb.IsZero():
			return -1
		}
		return ta.Compare(tb)
	})
	return out
}

// Columns are the table's headings.
var Columns = []string{"TIME", "KIND", "USER", "FROM → TO", "DURATION", "RESULT", "TRUNK"}

// columnMax caps each column's width, in terminal cells; longer cells are
// cut with an ellipsis. The last column is not padded.
var columnMax = []int{23, 4, 28, 36, 8, 34, 48}

// Cells are one row's cells under Columns, cleaned for a terminal: when,
// which log, the Teams user, who called whom, how long, the final SIP code
// and phrase (failed calls marked ✗), the SBC.
func Cells(r *Row) []string {
	t := r.Time()
	when := text.TimeText(t)
	if t.IsZero() {
		when = "—"
	}
	u := r.User()
	user := firstNonEmpty(u.Name, u.UPN, u.ID, "—")
	from, to := r.Numbers()
	who := "—"
	if from != "" || to != "" {
		who = orDash(from) + " → " + orDash(to)
	}
	dur := "—"
	if d := r.Duration(); d.OK {
		dur = text.FormatSpan(d.V)
	}
	result := orDash(r.Result())
	if r.Failed() {
		result = "✗ " + result
	}
	cells := []string{when, r.Kind.Short(), user, who, dur, result, orDash(r.Trunk())}
	for i, c := range cells {
		cells[i] = text.Clean(c)
	}
	return cells
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// WriteTable writes the rows as a table: the headings, then a line a row.
func WriteTable(w io.Writer, rows []*Row) error {
	all := [][]string{Columns}
	for _, r := range rows {
		all = append(all, Cells(r))
	}
	widths := make([]int, len(Columns))
	for _, cells := range all {
		for i, c := range cells {
			widths[i] = max(widths[i], min(ansi.StringWidth(c), columnMax[i]))
		}
	}
	bw := bufio.NewWriter(w)
	for _, cells := range all {
		for i, c := range cells {
			if ansi.StringWidth(c) > columnMax[i] {
				c = ansi.Truncate(c, columnMax[i], "…")
			}
			if i == len(cells)-1 {
				bw.WriteString(c)
				break
			}
			bw.WriteString(c)
			bw.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// WriteJSON writes the rows as JSON lines: one object a row, its members
// under Graph's names in Graph's order after an "@odata.type" naming its
// log (so that logs merged into one stream can be told apart, and read
// back by Parse). Every string, keys included, is cleaned as the json
// report cleans record text; numbers, true, false and null stay as Graph
// sent them.
func WriteJSON(w io.Writer, rows []*Row) error {
	bw := bufio.NewWriter(w)
	var b []byte
	for _, r := range rows {
		b = RowJSON(b[:0], r)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// RowJSON appends one row as a JSON object (see WriteJSON).
func RowJSON(b []byte, r *Row) []byte {
	b = append(b, '{')
	first := true
	if t := r.Kind.ODataType(); t != "" {
		b = append(b, `"@odata.type":`...)
		b = text.AppendJSON(b, t)
		first = false
	}
	for _, f := range r.Fields {
		if strings.EqualFold(f.Name, "@odata.type") && r.Kind != Unknown {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = text.AppendJSON(b, f.Name)
		b = append(b, ':')
		b = appendValue(b, gjson.Parse(f.Value), 0)
	}
	return append(b, '}')
}

// maxDepth bounds the nesting appendValue follows; deeper values (no
// Graph log has any) are written as null.
const maxDepth = 64

func appendValue(b []byte, v gjson.Result, depth int) []byte {
	switch {
	case depth > maxDepth:
		return append(b, "null"...)
	case v.Type == gjson.String:
		return text.AppendJSON(b, v.Str)
	case v.IsObject(), v.IsArray():
		obj := v.IsObject()
		opener, closer := byte('['), byte(']')
		if obj {
			opener, closer = '{', '}'
		}
		b = append(b, opener)
		first := true
		v.ForEach(func(k, e gjson.Result) bool {
			if !first {
				b = append(b, ',')
			}
			first = false
			if obj {
				b = text.AppendJSON(b, k.String())
				b = append(b, ':')
			}
			b = appendValue(b, e, depth+1)
			return true
		})
		return append(b, closer)
	case v.Type == gjson.Number, v.Type == gjson.True, v.Type == gjson.False:
		return append(b, v.Raw...)
	}
	return append(b, "null"...)
}

// Title names a log for people: "Direct Routing log dr.json (12 rows)".
func (l *Log) Title() string {
	what := "PSTN and Direct Routing logs"
	switch l.Kind {
	case Unknown:
	case Dialout:
		what = "PSTN dial-out report"
	default:
		what = l.Kind.String() + " log"
	}
	return what + " " + l.Name + " (" + text.Plural(len(l.Rows), "row") + ")"
}

// WriteLog writes a saved log as `callscope report` shows it: in text, its
// title, its rows as a table (WriteTable) and its warnings; in markdown the
// same as a markdown table; in JSON, JSON lines of its rows (WriteJSON),
// its warnings left to the caller (for standard error).
func WriteLog(w io.Writer, l *Log, format report.Format) error {
	switch format {
	case report.FormatJSON:
		return WriteJSON(w, l.Rows)
	case report.FormatMarkdown:
		return writeLogMarkdown(w, l)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(text.Clean(l.Title()) + "\n\n")
	if len(l.Rows) == 0 {
		bw.WriteString("no rows\n")
	} else if err := WriteTable(bw, l.Rows); err != nil {
		return err
	}
	for _, x := range l.Warnings {
		bw.WriteString("! " + text.Clean(x) + "\n")
	}
	bw.WriteString(report.Signature(format))
	return bw.Flush()
}

func writeLogMarkdown(w io.Writer, l *Log) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("### " + text.Markdown(l.Title()) + "\n\n")
	if len(l.Rows) > 0 {
		bw.WriteString("|")
		for _, c := range Columns {
			bw.WriteString(" " + text.MarkdownCell(c) + " |")
		}
		bw.WriteString("\n|" + strings.Repeat("---|", len(Columns)) + "\n")
		for _, r := range l.Rows {
			bw.WriteString("|")
			for _, c := range Cells(r) {
				bw.WriteString(" " + text.MarkdownCell(c) + " |")
			}
			bw.WriteString("\n")
		}
	}
	if len(l.Warnings) > 0 {
		bw.WriteString("\n")
		for _, x := range l.Warnings {
			bw.WriteString("- " + text.Markdown(x) + "\n")
		}
	}
	bw.WriteString(report.Signature(report.FormatMarkdown))
	return bw.Flush()
}
