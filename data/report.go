package data

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Format is a report's output format.
type Format string

const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatJSON     Format = "json"
)

// ParseFormat accepts text, markdown (md) and json.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "text", "":
		return FormatText, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	case "json":
		return FormatJSON, nil
	}
	return "", fmt.Errorf("unknown format %q: use text, markdown or json", s)
}

// WriteReport prints every record of a file in the given format.
func WriteReport(w io.Writer, f *File, format Format) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for i, r := range f.Records {
		switch format {
		case FormatJSON:
			if err := writeJSON(bw, f, r); err != nil {
				return err
			}
		case FormatMarkdown:
			if i > 0 {
				bw.WriteString("\n---\n\n")
			}
			writeMarkdown(bw, r)
		default:
			if i > 0 {
				bw.WriteString("\n" + strings.Repeat("─", 60) + "\n\n")
			}
			writeText(bw, r)
		}
	}
	return bw.Flush()
}

// TimeText shows a time in UTC, as Graph gives it.
func TimeText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

func orDash(s string) string {
	if s = Clean(s); s == "" {
		return "—"
	}
	return s
}

// Header is the call's key facts as label/value pairs, shared by every format.
func (r *Record) Header() [][2]string {
	typ := orDash(r.Type)
	if len(r.Modalities) > 0 {
		typ += " (" + Clean(strings.Join(r.Modalities, ", ")) + ")"
	}
	dur := "—"
	if d := r.Duration(); d >= 0 {
		dur = FormatSpan(d) + " (ends " + TimeText(r.End) + ")"
	}
	ver := "—"
	if r.Version.OK {
		ver = fmt.Sprint(r.Version.V)
	}
	if !r.LastModified.IsZero() {
		ver += " (last modified " + TimeText(r.LastModified) + ")"
	}
	return [][2]string{
		{"Call record", orDash(r.ID)},
		{"Type", typ},
		{"Start", TimeText(r.Start)},
		{"Duration", dur},
		{"Organizer", orDash(r.OrganizerName())},
		{"Version", ver},
	}
}

func countsLine(c Counts) string {
	return fmt.Sprintf("%s, %s, %s, %s, %s, %s",
		plural(c.Participants, "participant"), plural(c.Sessions, "session"), plural(c.Segments, "segment"),
		plural(c.Media, "media", "media"), plural(c.Streams, "stream"), plural(c.TraceRouteHops, "trace-route hop"))
}

func verdictLine(q Rollup) string {
	s := fmt.Sprintf("%d good, %d poor, %d unclassified", q.Good, q.Poor, q.Unclassified)
	if q.Failures > 0 {
		s += "; " + plural(q.Failures, "failure")
	}
	return s
}

func plural(n int, one string, many ...string) string {
	if n == 1 {
		return "1 " + one
	}
	if len(many) > 0 {
		return fmt.Sprintf("%d %s", n, many[0])
	}
	return fmt.Sprintf("%d %ss", n, one)
}

func poorRows(r *Record) []StreamRow {
	var out []StreamRow
	for _, s := range r.Streams() {
		if s.Verdict == "poor" {
			out = append(out, s)
		}
	}
	return out
}

func writeText(w *bufio.Writer, r *Record) {
	var t table
	for _, h := range r.Header() {
		t.add(h[0], h[1])
	}
	c := r.Counts()
	t.add("Counts", countsLine(c))
	t.add("Streams", verdictLine(r.Quality))
	t.write(w)

	if poor := poorRows(r); len(poor) > 0 {
		fmt.Fprintf(w, "\nPoor streams (%d)\n", len(poor))
		t = table{}
		t.add("  FROM → TO", "MEDIA", "KIND", "REASONS")
		for _, s := range poor {
			t.add("  "+Clean(s.from)+" → "+Clean(s.to), orDash(s.Media), s.Kind, Clean(strings.Join(s.Reasons, "; ")))
		}
		t.write(w)
	}
	if fs := r.Findings(); len(fs) > 0 {
		fmt.Fprintf(w, "\nFindings (%d)\n", len(fs))
		for i, f := range fs {
			if i == maxReportFindings {
				fmt.Fprintf(w, "  … and %d more (--format json lists them all)\n", len(fs)-i)
				break
			}
			fmt.Fprintf(w, "  %-8s %s\n", f.Severity, Clean(f.String()))
		}
	}
	if fs := r.Failures(); len(fs) > 0 {
		fmt.Fprintf(w, "\nFailures (%d)\n", len(fs))
		t = table{}
		for _, f := range fs {
			where := "session"
			if f.Segment != "" {
				where = "segment"
			}
			t.add("  "+Clean(f.who), where, orDash(f.Stage)+": "+orDash(f.Reason))
		}
		t.write(w)
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings (%d)\n", len(r.Warnings))
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "  ! %s\n", Clean(x))
		}
	}
}

// table lines up the text report's columns by the cells a terminal draws
// (Width): a CJK name takes two cells a character, an accent or a skin tone
// none. text/tabwriter counts runes, which misaligns both. Cells are
// cleaned text; the last column is not padded.
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
			widths[i] = max(widths[i], Width(c))
		}
	}
	for _, row := range t.rows {
		for i, c := range row {
			w.WriteString(c)
			if i < len(row)-1 {
				w.WriteString(strings.Repeat(" ", widths[i]-Width(c)+2))
			}
		}
		w.WriteByte('\n')
	}
}

// maxReportFindings caps the findings of text and markdown reports: a
// 7,500-session meeting has thousands. The JSON report lists them all.
const maxReportFindings = 100

// mdText is the one way text reaches a markdown report or copy: cleaned as
// for a terminal (one line, no controls, no invisible characters), trimmed,
// and every character that could start markup escaped with a backslash, so
// that a value is read as the text it is wherever it lands: in a table cell
// ("|"), a heading, or first in a list item ("# ", "> ", "- ", "1. ").
// Links and images need "[", HTML and autolinks "<", entities "&", code "`",
// emphasis "*" "_" "~", math "$"; a ">" opens a quote only at the start,
// so "loss 15 % > 10 %" stays as it reads. Markdown renderers that turn bare
// URLs, e-mail addresses or @names into links still do (README, Security).
func mdText(s string) string {
	s = strings.TrimSpace(Clean(s))
	mark := mdBlockMark(s)
	if mark < 0 && !strings.ContainsAny(s, mdSpecial) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		// Byte by byte: the special characters are ASCII, which no byte of
		// a multi-byte UTF-8 sequence can be.
		if i == mark || strings.IndexByte(mdSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdSpecial are the characters mdText escapes wherever they stand.
const mdSpecial = "\\`*_[]<#|~$&"

// mdBlockMark is where a leading block marker would stand: the ">" of a
// quote, the "-" or "+" of a list item, the "." or ")" of "12. x"; -1 when
// s starts no block.
func mdBlockMark(s string) int {
	if s != "" && (s[0] == '-' || s[0] == '+' || s[0] == '>') {
		return 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d < len(s) && (s[d] == '.' || s[d] == ')') && (d+1 == len(s) || s[d+1] == ' ') {
		return d
	}
	return -1
}

// mdCell is mdText for a table cell: "—" when empty.
func mdCell(s string) string {
	if s = mdText(s); s == "" {
		return "—"
	}
	return s
}

func writeMarkdown(w *bufio.Writer, r *Record) {
	fmt.Fprintf(w, "### Teams call %s\n\n", mdCell(r.ID))
	w.WriteString("| | |\n|---|---|\n")
	for _, h := range r.Header()[1:] {
		fmt.Fprintf(w, "| **%s** | %s |\n", mdText(h[0]), mdCell(h[1]))
	}
	fmt.Fprintf(w, "| **Counts** | %s |\n", countsLine(r.Counts()))
	fmt.Fprintf(w, "| **Streams** | %s |\n", verdictLine(r.Quality))

	if poor := poorRows(r); len(poor) > 0 {
		fmt.Fprintf(w, "\n#### Poor streams (%d)\n\n| From → to | Media | Kind | Reasons |\n|---|---|---|---|\n", len(poor))
		for _, s := range poor {
			fmt.Fprintf(w, "| %s → %s | %s | %s | %s |\n", mdCell(s.from), mdCell(s.to), mdCell(s.Media), mdCell(s.Kind), mdCell(strings.Join(s.Reasons, "; ")))
		}
	}
	if fs := r.Findings(); len(fs) > 0 {
		fmt.Fprintf(w, "\n#### Findings (%d)\n\n", len(fs))
		for i, f := range fs {
			if i == maxReportFindings {
				fmt.Fprintf(w, "- … and %d more\n", len(fs)-i)
				break
			}
			fmt.Fprintf(w, "- **%s** %s\n", mdText(f.Severity.String()), mdText(f.String()))
		}
	}
	if fs := r.Failures(); len(fs) > 0 {
		fmt.Fprintf(w, "\n#### Failures (%d)\n\n| Who | Where | Stage | Reason |\n|---|---|---|---|\n", len(fs))
		for _, f := range fs {
			where := "session"
			if f.Segment != "" {
				where = "segment"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdCell(f.who), where, mdCell(f.Stage), mdCell(f.Reason))
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\n#### Warnings\n\n")
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "- %s\n", mdText(x))
		}
	}
	fmt.Fprintf(w, "\n_Stream verdicts by %s._\n", CQDSource)
}

// writeJSON writes one record as one line of JSON. It is written by hand,
// not by encoding/json: a big meeting has tens of thousands of streams, and
// reflection was most of the report's time. The keys and their order are a
// contract (see README and TestJSONReportKeys): new keys go after the
// existing ones of their object.
func writeJSON(w io.Writer, f *File, r *Record) error {
	// Findings are worked out while the streams are written, and the text
	// of both is built on every core, a stretch of sessions or findings
	// each: a big meeting has tens of thousands of each.
	names := r.Names() // before the workers, which all need it
	var fs []Finding
	finding := start(func() { fs = r.Findings() })
	streams := buildChunks(len(r.Sessions), 3<<10, func(b []byte, lo, hi int) []byte {
		paths := f.pather(r)
		var path, party []byte
		var last *Segment
		for _, se := range r.Sessions[lo:hi] {
			eachStreamOf(names, se, func(sg *Segment, m *Media, st *Stream, leg leg) {
				if sg != last { // once a segment
					party, last = appendPartyJSON(party[:0], names, leg.person), sg
				}
				path = paths.appendPath(path[:0], se, sg, m, st)
				b = appendStreamJSON(b, se, sg, m, st, &leg, path, party)
			})
		}
		return b
	})
	b := make([]byte, 0, 4096)
	b = append(b, `{"id":`...)
	b = appendJSONOpt(b, r.ID)
	b = append(b, `,"version":`...)
	if r.Version.OK {
		b = strconv.AppendInt(b, r.Version.V, 10)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"type":`...)
	b = appendJSONOpt(b, r.Type)
	b = append(b, `,"modalities":`...)
	b = appendJSONStrings(b, r.Modalities)
	b = append(b, `,"startDateTime":`...)
	b = appendJSONTime(b, r.Start)
	b = append(b, `,"endDateTime":`...)
	b = appendJSONTime(b, r.End)
	b = append(b, `,"durationSeconds":`...)
	if d := r.Duration(); d >= 0 {
		b = strconv.AppendFloat(b, d.Seconds(), 'f', -1, 64)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"organizer":`...)
	b = appendJSONOpt(b, r.OrganizerName())
	c := r.Counts()
	b = fmt.Appendf(b, `,"counts":{"participants":%d,"sessions":%d,"segments":%d,"media":%d,"streams":%d,"traceRouteHops":%d}`,
		c.Participants, c.Sessions, c.Segments, c.Media, c.Streams, c.TraceRouteHops)
	b = fmt.Appendf(b, `,"verdicts":{"good":%d,"poor":%d,"unclassified":%d}`, r.Quality.Good, r.Quality.Poor, r.Quality.Unclassified)
	b = append(b, `,"streams":[`...)
	b, err := writeChunks(w, b, streams)
	if err != nil {
		return err
	}
	b = append(b, `],"failures":[`...)
	paths := f.pather(r)
	for i, fr := range r.Failures() {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"session":`...)
		b = appendJSONString(b, fr.Session)
		b = append(b, `,"segment":`...)
		b = appendJSONString(b, fr.Segment)
		b = append(b, `,"stage":`...)
		b = appendJSONString(b, fr.Stage)
		b = append(b, `,"reason":`...)
		b = appendJSONString(b, fr.Reason)
		b = append(b, `,"path":`...)
		b = appendJSONString(b, string(paths.appendPath(nil, fr.se, fr.sg, nil, nil)))
		b = append(b, `,"leg":`...)
		b = appendJSONString(b, fr.Leg)
		b = append(b, `,"who":`...)
		b = appendJSONString(b, fr.who)
		b = append(b, '}')
	}
	b = append(b, `],"findings":[`...)
	finding.wait()
	b, err = writeChunks(w, b, buildChunks(len(fs), 160, func(b []byte, lo, hi int) []byte {
		for _, f := range fs[lo:hi] {
			b = append(b, `,{"session":`...)
			b = appendJSONString(b, f.Session)
			b = append(b, `,"who":`...)
			b = appendJSONString(b, f.Who)
			b = append(b, `,"text":`...)
			b = appendJSONString(b, f.Text)
			b = append(b, `,"severity":"`...)
			b = append(b, f.Severity.String()...)
			b = append(b, `"}`...)
		}
		return b
	}))
	if err != nil {
		return err
	}
	b = append(b, `],"warnings":`...)
	b = appendJSONStrings(b, r.Warnings)
	b = append(b, "}\n"...)
	_, err = w.Write(b)
	return err
}

// appendStreamJSON appends one element of the streams array, comma first;
// path is the stream's, party the leg's participant as appendPartyJSON
// wrote it.
func appendStreamJSON(b []byte, se *Session, sg *Segment, m *Media, st *Stream, leg *leg, path, party []byte) []byte {
	b = append(b, `,{"session":`...)
	b = appendJSONString(b, se.ID)
	b = append(b, `,"segment":`...)
	b = appendJSONString(b, sg.ID)
	b = append(b, `,"media":`...)
	b = appendJSONString(b, m.Label)
	b = append(b, `,"streamId":`...)
	b = appendJSONString(b, st.StreamID)
	b = append(b, `,"direction":`...)
	b = appendJSONString(b, st.Direction)
	b = append(b, `,"kind":"`...)
	b = append(b, st.Kind.String()...)
	b = append(b, `","verdict":"`...)
	b = append(b, st.Quality.Verdict.String()...)
	b = append(b, `","reasons":[`...)
	for i, rs := range st.Quality.Reasons {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, rs.Text())
	}
	b = append(b, `],"caller":`...)
	b = appendJSONString(b, leg.caller)
	b = append(b, `,"callee":`...)
	b = appendJSONString(b, leg.callee)
	// Real records repeat ids (every stream "1000", sessions with the
	// call's id): only the path tells two streams apart.
	b = append(b, `,"path":`...)
	b = appendJSONString(b, unsafeString(path)) // its keys are spelled as the file spells them
	b = append(b, `,"participant":`...)
	b = append(b, party...)
	return append(b, '}')
}

// appendPartyJSON appends the person a leg is for as {name, upn, id}, or
// null when it is for nobody in particular.
func appendPartyJSON(b []byte, names *Names, e *Endpoint) []byte {
	if e == nil {
		return append(b, "null"...)
	}
	id := names.Identity(e)
	b = append(b, `{"name":`...)
	b = appendJSONString(b, names.Label(e))
	b = append(b, `,"upn":`...)
	b = appendJSONOpt(b, id.UserPrincipalName)
	b = append(b, `,"id":`...)
	b = appendJSONOpt(b, id.ID)
	return append(b, '}')
}

// buildChunks builds the text of n items in one chunk per core, each
// chunk's items in order and each item starting with a comma. size is about
// an item's text at most: a chunk that had to grow would be copied each time.
func buildChunks(n, size int, build func(b []byte, lo, hi int) []byte) [][]byte {
	chunks := make([][]byte, min(runtime.GOMAXPROCS(0), n/parallelFrom+1))
	inParallel(len(chunks), func(c int) {
		lo, hi := c*n/len(chunks), (c+1)*n/len(chunks)
		chunks[c] = build(make([]byte, 0, (hi-lo)*size), lo, hi)
	})
	return chunks
}

// writeChunks writes b and then the chunks, without the first item's
// comma, and returns b emptied for what follows.
func writeChunks(w io.Writer, b []byte, chunks [][]byte) ([]byte, error) {
	first := true
	for _, c := range chunks {
		if first && len(c) > 0 {
			c, first = c[1:], false
		}
		if len(b)+len(c) <= 1<<16 {
			b = append(b, c...)
			continue
		}
		if _, err := w.Write(b); err != nil {
			return b, err
		}
		if _, err := w.Write(c); err != nil {
			return b, err
		}
		b = b[:0]
	}
	return b, nil
}

func appendJSONOpt(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

func appendJSONTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

func appendJSONStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s cleaned (no control characters or escape
// sequences, as everywhere callscope prints) and quoted as JSON.
func appendJSONString(b []byte, s string) []byte {
	// Copied first, then checked: report maps the file, whose bytes another
	// program could change between a check and a copy.
	b = append(b, '"')
	n := len(b)
	b = append(b, s...)
	if jsonPlain(unsafeString(b[n:])) {
		// Printable ASCII with nothing to escape: most of a report.
		return append(b, '"')
	}
	s = Clean(string(b[n:]))
	b = b[:n] // the opening quote stays
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '"' && c != '\\' && c >= 0x20 {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		default: // Clean leaves none; kept for safety
			b = fmt.Appendf(b, `\u%04x`, c)
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonPlain tells whether s is printable ASCII with nothing to escape in
// JSON, eight bytes a step.
func jsonPlain(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if (hasLess(x, 0x20) | hasByte(x, 0x7f) | x&highs | hasByte(x, '"') | hasByte(x, '\\')) != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// ListJSON is one line of `callscope list --format json`: id, type,
// startDateTime, endDateTime, organizer, modalities, version.
func ListJSON(r *Record) []byte {
	b := []byte(`{"id":`)
	b = appendJSONOpt(b, r.ID)
	b = append(b, `,"type":`...)
	b = appendJSONOpt(b, r.Type)
	b = append(b, `,"startDateTime":`...)
	b = appendJSONTime(b, r.Start)
	b = append(b, `,"endDateTime":`...)
	b = appendJSONTime(b, r.End)
	b = append(b, `,"organizer":`...)
	b = appendJSONOpt(b, r.OrganizerName())
	b = append(b, `,"modalities":`...)
	b = appendJSONStrings(b, r.Modalities)
	b = append(b, `,"version":`...)
	if r.Version.OK {
		b = strconv.AppendInt(b, r.Version.V, 10)
	} else {
		b = append(b, "null"...)
	}
	return append(b, "}\n"...)
}
