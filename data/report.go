package data

import (
	"bufio"
	"fmt"
	"github.com/callscope/callscope/text"
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

func orDash(s string) string {
	if s = text.Clean(s); s == "" {
		return "—"
	}
	return s
}

// Header is the call's key facts as label/value pairs, shared by every format.
func (r *Record) Header() [][2]string {
	typ := orDash(r.Type)
	if len(r.Modalities) > 0 {
		typ += " (" + text.Clean(strings.Join(r.Modalities, ", ")) + ")"
	}
	dur := "—"
	if d := r.Duration(); d >= 0 {
		dur = text.FormatSpan(d) + " (ends " + text.TimeText(r.End) + ")"
	}
	ver := "—"
	if r.Version.OK {
		ver = fmt.Sprint(r.Version.V)
	}
	if !r.LastModified.IsZero() {
		ver += " (last modified " + text.TimeText(r.LastModified) + ")"
	}
	return [][2]string{
		{"Call record", orDash(r.ID)},
		{"Type", typ},
		{"Start", text.TimeText(r.Start)},
		{"Duration", dur},
		{"Organizer", orDash(r.OrganizerName())},
		{"Version", ver},
	}
}

func countsLine(c Counts) string {
	return fmt.Sprintf("%s, %s, %s, %s, %s, %s",
		text.Plural(c.Participants, "participant"), text.Plural(c.Sessions, "session"), text.Plural(c.Segments, "segment"),
		text.Plural(c.Media, "media", "media"), text.Plural(c.Streams, "stream"), text.Plural(c.TraceRouteHops, "trace-route hop"))
}

func verdictLine(q Rollup) string {
	s := fmt.Sprintf("%d good, %d poor, %d unclassified", q.Good, q.Poor, q.Unclassified)
	if q.Failures > 0 {
		s += "; " + text.Plural(q.Failures, "failure")
	}
	return s
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
			t.add("  "+text.Clean(s.from)+" → "+text.Clean(s.to), orDash(s.Media), s.Kind, text.Clean(strings.Join(s.Reasons, "; ")))
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
			fmt.Fprintf(w, "  %-8s %s\n", f.Severity, text.Clean(f.String()))
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
			t.add("  "+text.Clean(f.who), where, orDash(f.Stage)+": "+orDash(f.Reason))
		}
		t.write(w)
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings (%d)\n", len(r.Warnings))
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "  ! %s\n", text.Clean(x))
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

// maxReportFindings caps the findings of text and markdown reports: a
// 7,500-session meeting has thousands. The JSON report lists them all.
const maxReportFindings = 100

func writeMarkdown(w *bufio.Writer, r *Record) {
	fmt.Fprintf(w, "### Teams call %s\n\n", text.MarkdownCell(r.ID))
	w.WriteString("| | |\n|---|---|\n")
	for _, h := range r.Header()[1:] {
		fmt.Fprintf(w, "| **%s** | %s |\n", text.Markdown(h[0]), text.MarkdownCell(h[1]))
	}
	fmt.Fprintf(w, "| **Counts** | %s |\n", countsLine(r.Counts()))
	fmt.Fprintf(w, "| **Streams** | %s |\n", verdictLine(r.Quality))

	if poor := poorRows(r); len(poor) > 0 {
		fmt.Fprintf(w, "\n#### Poor streams (%d)\n\n| From → to | Media | Kind | Reasons |\n|---|---|---|---|\n", len(poor))
		for _, s := range poor {
			fmt.Fprintf(w, "| %s → %s | %s | %s | %s |\n", text.MarkdownCell(s.from), text.MarkdownCell(s.to), text.MarkdownCell(s.Media), text.MarkdownCell(s.Kind), text.MarkdownCell(strings.Join(s.Reasons, "; ")))
		}
	}
	if fs := r.Findings(); len(fs) > 0 {
		fmt.Fprintf(w, "\n#### Findings (%d)\n\n", len(fs))
		for i, f := range fs {
			if i == maxReportFindings {
				fmt.Fprintf(w, "- … and %d more\n", len(fs)-i)
				break
			}
			fmt.Fprintf(w, "- **%s** %s\n", text.Markdown(f.Severity.String()), text.Markdown(f.String()))
		}
	}
	if fs := r.Failures(); len(fs) > 0 {
		fmt.Fprintf(w, "\n#### Failures (%d)\n\n| Who | Where | Stage | Reason |\n|---|---|---|---|\n", len(fs))
		for _, f := range fs {
			where := "session"
			if f.Segment != "" {
				where = "segment"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", text.MarkdownCell(f.who), where, text.MarkdownCell(f.Stage), text.MarkdownCell(f.Reason))
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\n#### Warnings\n\n")
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "- %s\n", text.Markdown(x))
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
		b = text.AppendJSON(b, fr.Session)
		b = append(b, `,"segment":`...)
		b = text.AppendJSON(b, fr.Segment)
		b = append(b, `,"stage":`...)
		b = text.AppendJSON(b, fr.Stage)
		b = append(b, `,"reason":`...)
		b = text.AppendJSON(b, fr.Reason)
		b = append(b, `,"path":`...)
		b = text.AppendJSON(b, string(paths.appendPath(nil, fr.se, fr.sg, nil, nil)))
		b = append(b, `,"leg":`...)
		b = text.AppendJSON(b, fr.Leg)
		b = append(b, `,"who":`...)
		b = text.AppendJSON(b, fr.who)
		b = append(b, '}')
	}
	b = append(b, `],"findings":[`...)
	finding.wait()
	b, err = writeChunks(w, b, buildChunks(len(fs), 160, func(b []byte, lo, hi int) []byte {
		for _, f := range fs[lo:hi] {
			b = append(b, `,{"session":`...)
			b = text.AppendJSON(b, f.Session)
			b = append(b, `,"who":`...)
			b = text.AppendJSON(b, f.Who)
			b = append(b, `,"text":`...)
			b = text.AppendJSON(b, f.Text)
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
	b = text.AppendJSON(b, se.ID)
	b = append(b, `,"segment":`...)
	b = text.AppendJSON(b, sg.ID)
	b = append(b, `,"media":`...)
	b = text.AppendJSON(b, m.Label)
	b = append(b, `,"streamId":`...)
	b = text.AppendJSON(b, st.StreamID)
	b = append(b, `,"direction":`...)
	b = text.AppendJSON(b, st.Direction)
	b = append(b, `,"kind":"`...)
	b = append(b, st.Kind.String()...)
	b = append(b, `","verdict":"`...)
	b = append(b, st.Quality.Verdict.String()...)
	b = append(b, `","reasons":[`...)
	for i, rs := range st.Quality.Reasons {
		if i > 0 {
			b = append(b, ',')
		}
		b = text.AppendJSON(b, rs.Text())
	}
	b = append(b, `],"caller":`...)
	b = text.AppendJSON(b, leg.caller)
	b = append(b, `,"callee":`...)
	b = text.AppendJSON(b, leg.callee)
	// Real records repeat ids (every stream "1000", sessions with the
	// call's id): only the path tells two streams apart.
	b = append(b, `,"path":`...)
	b = text.AppendJSON(b, unsafeString(path)) // its keys are spelled as the file spells them
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
	b = text.AppendJSON(b, names.Label(e))
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
	return text.AppendJSON(b, s)
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
		b = text.AppendJSON(b, s)
	}
	return append(b, ']')
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
