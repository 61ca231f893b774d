package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jqpath"
	"github.com/callscope/callscope/text"
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

// Version is the version of callscope that writes the reports (the
// command sets it from its build): text and markdown reports end with it,
// each JSON report line has it as callscope.version, so that a report in a
// ticket says which rules judged it.
var Version = "(devel)"

// Write prints every record of a file in the given format.
func Write(w io.Writer, f *data.File, format Format) error { return WriteWith(w, f, format, nil) }

// WriteWith prints every record of a file in the given format, each with
// what the PSTN and Direct Routing logs say about it: pstn[i] is the i-th
// record's (pstn.Sections builds them); a record without one (nil, or
// pstn shorter than the records) says nothing of the logs.
func WriteWith(w io.Writer, f *data.File, format Format, pstn []*PSTN) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for i, r := range f.Records {
		var p *PSTN
		if i < len(pstn) {
			p = pstn[i]
		}
		s := BuildWith(r, p)
		s.pstnPaths = pstnPaths(f, r, p)
		switch format {
		case FormatJSON:
			if err := writeJSON(bw, f, s); err != nil {
				return err
			}
		case FormatMarkdown:
			if i > 0 {
				bw.WriteString("\n---\n\n")
			}
			writeMarkdown(bw, s)
		default:
			if i > 0 {
				bw.WriteString("\n" + strings.Repeat("─", 60) + "\n\n")
			}
			writeText(bw, s)
		}
	}
	bw.WriteString(Signature(format))
	return bw.Flush()
}

// Signature is the last line of a text or markdown report: the callscope
// that wrote it (Version); "" for JSON, which says it in each object.
func Signature(format Format) string {
	switch format {
	case FormatMarkdown:
		return "\n_callscope " + text.Markdown(Version) + "_\n"
	case FormatJSON:
		return ""
	}
	return "\ncallscope " + text.Clean(Version) + "\n"
}

// writeJSON writes one record as one line of JSON. It is written by hand,
// not by encoding/json: a big meeting has tens of thousands of streams, and
// reflection was most of the report's time. The keys and their order are a
// contract (see README and TestJSONReportKeys): new keys go after the
// existing ones of their object. Every stream is listed, not only the poor
// ones: their text is built on every core, a stretch of sessions each, as
// is the findings', in rounds written out as they come (see writeChunked).
func writeJSON(w io.Writer, f *data.File, s *Sections) error {
	r := s.Record
	names := r.Names() // before the workers, which all need it
	c := &s.Call
	b := make([]byte, 0, 4096)
	b = append(b, `{"id":`...)
	b = appendJSONOpt(b, c.ID)
	b = append(b, `,"version":`...)
	b = appendJSONInt(b, c.Version)
	b = append(b, `,"type":`...)
	b = appendJSONOpt(b, c.Type)
	b = append(b, `,"modalities":`...)
	b = appendJSONStrings(b, c.Modalities)
	b = append(b, `,"startDateTime":`...)
	b = text.AppendJSONTime(b, c.Start, time.RFC3339Nano)
	b = append(b, `,"endDateTime":`...)
	b = text.AppendJSONTime(b, c.End, time.RFC3339Nano)
	b = append(b, `,"durationSeconds":`...)
	if c.Duration >= 0 {
		b = strconv.AppendFloat(b, c.Duration.Seconds(), 'f', -1, 64)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"organizer":`...)
	b = appendJSONOpt(b, c.Organizer)
	n := s.Counts
	b = fmt.Appendf(b, `,"counts":{"participants":%d,"sessions":%d,"segments":%d,"media":%d,"streams":%d,"traceRouteHops":%d}`,
		n.Participants, n.Sessions, n.Segments, n.Media, n.Streams, n.TraceRouteHops)
	b = fmt.Appendf(b, `,"verdicts":{"good":%d,"poor":%d,"unclassified":%d}`, s.Verdicts.Good, s.Verdicts.Poor, s.Verdicts.Unclassified)
	b = append(b, `,"streams":[`...)
	b, err := writeChunked(w, b, len(r.Sessions), 3<<10, func(b []byte, lo, hi int) []byte {
		var path, party []byte
		var last *data.Segment
		for _, se := range r.Sessions[lo:hi] {
			eachStreamOf(names, se, func(sg *data.Segment, m *data.Media, st *data.Stream, leg *leg) {
				if sg != last { // once a segment
					party, last = appendPartyJSON(party[:0], names, leg.person), sg
				}
				path = jqpath.Append(path[:0], f, r, se, sg, m, st)
				b = appendStreamJSON(b, se, sg, m, st, leg, path, party)
			})
		}
		return b
	})
	if err != nil {
		return err
	}
	b = append(b, `],"failures":[`...)
	for i, fr := range s.Failures {
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
		b = text.AppendJSON(b, jqpath.Of(f, r, fr.se, fr.sg, nil, nil))
		b = append(b, `,"leg":`...)
		b = text.AppendJSON(b, fr.Leg)
		b = append(b, `,"who":`...)
		b = text.AppendJSON(b, fr.Who)
		b = append(b, '}')
	}
	b = append(b, `],"findings":[`...)
	fs := s.Findings
	b, err = writeChunked(w, b, len(fs), 160, func(b []byte, lo, hi int) []byte {
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
	})
	if err != nil {
		return err
	}
	b = append(b, `],"warnings":`...)
	b = appendJSONStrings(b, s.Warnings)
	b = appendPSTNJSON(b, s.PSTN, s.pstnPaths)
	b = append(b, `,"callscope":{"version":`...)
	b = text.AppendJSON(b, Version)
	b = append(b, "}}\n"...)
	_, err = w.Write(b)
	return err
}

// appendStreamJSON appends one element of the streams array, comma first;
// path is the stream's, party the leg's participant as appendPartyJSON
// wrote it.
func appendStreamJSON(b []byte, se *data.Session, sg *data.Segment, m *data.Media, st *data.Stream, leg *leg, path, party []byte) []byte {
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
	// call's id): only the path tells two streams apart. A view of the
	// buffer, not a copy: it is written out at once.
	b = append(b, `,"path":`...)
	b = text.AppendJSON(b, unsafe.String(unsafe.SliceData(path), len(path)))
	b = append(b, `,"participant":`...)
	b = append(b, party...)
	return append(b, '}')
}

// appendPartyJSON appends the person a leg is for as {name, upn, id}, or
// null when it is for nobody in particular.
func appendPartyJSON(b []byte, names *data.Names, e *data.Endpoint) []byte {
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

// writeChunked writes b, then the text of n items, and returns b emptied
// for what follows. Each item's text starts with a comma, dropped from the
// first item's. The items are built on every core, in rounds of about
// roundBytes a core written out before the next is built: holding a big
// meeting's whole streams array (23 MB) would raise the report's peak
// memory by as much. size is about an item's text at most: a buffer that
// had to grow would be copied each time.
func writeChunked(w io.Writer, b []byte, n, size int, build func(b []byte, lo, hi int) []byte) ([]byte, error) {
	bufs := make([][]byte, parallel.Workers(n))
	round := len(bufs) * max(roundBytes/size, 1) // items
	first := true
	for lo := 0; lo < n; lo += round {
		hi := min(lo+round, n)
		parallel.Run(len(bufs), func(c int) {
			a, z := lo+c*(hi-lo)/len(bufs), lo+(c+1)*(hi-lo)/len(bufs)
			if bufs[c] == nil {
				bufs[c] = make([]byte, 0, (z-a)*size)
			}
			bufs[c] = build(bufs[c][:0], a, z)
		})
		for _, c := range bufs {
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
	}
	return b, nil
}

// roundBytes is about the text one core builds in a round of writeChunked.
const roundBytes = 1 << 20

func appendJSONOpt(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return text.AppendJSON(b, s)
}

func appendJSONInt(b []byte, n data.Opt[int64]) []byte {
	if !n.OK {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, n.V, 10)
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
func ListJSON(r *data.Record) []byte {
	b := []byte(`{"id":`)
	b = appendJSONOpt(b, r.ID)
	b = append(b, `,"type":`...)
	b = appendJSONOpt(b, r.Type)
	b = append(b, `,"startDateTime":`...)
	b = text.AppendJSONTime(b, r.Start, time.RFC3339Nano)
	b = append(b, `,"endDateTime":`...)
	b = text.AppendJSONTime(b, r.End, time.RFC3339Nano)
	b = append(b, `,"organizer":`...)
	b = appendJSONOpt(b, r.OrganizerName())
	b = append(b, `,"modalities":`...)
	b = appendJSONStrings(b, r.Modalities)
	b = append(b, `,"version":`...)
	b = appendJSONInt(b, r.Version)
	return append(b, "}\n"...)
}
