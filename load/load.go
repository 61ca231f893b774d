// Package load reads call-record sources, whatever their export shape
// (Graph's JSON, PowerShell's, gzip, UTF-16, comment lines, collections,
// lists), within limits of size and memory; it refuses what is no call
// record saying what it is, reads every Graph property through one table
// per node type, and judges every stream as it is read.
package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/jsonscan"
	"github.com/callscope/callscope/quality"
	"github.com/callscope/callscope/text"
	"strings"
	"time"
	"unsafe"
)

// Load parses an export of any supported shape within the default
// limits. b must not change afterwards: every string in the result is a
// view of it.
func Load(name string, b []byte) (*data.File, error) { return Limits{}.Load(name, b) }

// Load parses an export of any supported shape. b must not change
// afterwards: every string in the result is a view of it.
func (lim Limits) Load(name string, b []byte) (*data.File, error) {
	// Comment lines before the JSON are skipped by starting after them, not
	// by copying: line n of b[from:] is line n+lines of b.
	var scan startScan
	if err := scan.feed(name, b); err != nil {
		var nc *NotCallRecordError
		if errors.As(err, &nc) {
			// A lone string, number or literal: is it JSON at least?
			body := b[scan.lineStart:]
			if jerr := CheckJSON(name, body); jerr != nil {
				return nil, shifted(jerr, scan.line)
			}
			nc.What = "it is a single JSON " + scalarName(bytes.TrimSpace(body)[0]) + ", where a call record is an object"
		}
		return nil, err
	}
	if !scan.done {
		if scan.state == 1 { // a lone '/' at the end
			return nil, &SyntaxError{Name: name, Line: scan.line + 1, Column: scan.col, Msg: "it ends in '/' that opens no // comment line"}
		}
		if scan.comments > 0 {
			return nil, fmt.Errorf("%s: the file holds nothing but comment lines: %w", name, ErrNoCallRecords)
		}
		return nil, fmt.Errorf("%s: the file is empty: %w", name, ErrNoCallRecords)
	}
	from, lines := scan.lineStart, scan.line
	body := b[from:]
	f := &data.File{Name: name, Size: len(b)}
	if scan.comments > 0 {
		f.Warnings = append(f.Warnings, fmt.Sprintf("skipped %s before the JSON (JSON has no comments)", text.Plural(scan.comments, "comment line")))
	}
	mem := &budget{limit: lim.Memory(len(b)), size: len(b), explicit: lim.MaxMemory > 0}
	mem.left.Store(mem.limit)
	// The walk checks the JSON as it reads it: no separate pass.
	out, err := safeParse(f, body, mem, !lim.NoFindings)
	var le *LimitError
	var nc *NotCallRecordError
	switch {
	case err == nil:
		if len(out.Records) == 0 { // cannot happen: every shape gives a record, or an error
			return nil, fmt.Errorf("%s: no call records in this file: %w", name, ErrNoCallRecords)
		}
		return out, nil
	case errors.As(err, &le):
		return nil, err
	case errors.As(err, &nc):
		// What the file is comes first; whether its JSON is sound too.
		nc.Name = name
		if jerr := CheckJSON(name, body); jerr != nil {
			var se *SyntaxError
			if !errors.As(shifted(jerr, lines), &se) {
				return nil, jerr // nested too deep
			}
			nc.Syntax = se
		}
		return nil, nc
	}
	// Bytes that are not JSON are told as such, whatever else the parse
	// tripped over first.
	if jerr := CheckJSON(name, body); jerr != nil {
		return nil, shifted(jerr, lines)
	}
	if errors.Is(err, errNotJSON) { // the walk and the check disagree: a bug of ours
		return nil, fmt.Errorf("%s: callscope could not read this file (its JSON check and its parse disagree); please report it with the file attached if you can", name)
	}
	return nil, err
}

// shifted moves a syntax error's line down by lines skipped before the JSON.
func shifted(err error, lines int) error {
	var se *SyntaxError
	if errors.As(err, &se) && se.Line > 0 {
		se.Line += lines
	}
	return err
}

// errNotJSON is the walk's word that the bytes are not JSON; Load finds out
// where with checkJSON.
var errNotJSON = errors.New("not JSON")

// CheckJSON is nil when b is one JSON value, else a *SyntaxError that
// says where it is not, or an error saying it nests too deep.
func CheckJSON(name string, b []byte) error {
	switch jsonscan.Valid(unsafe.String(unsafe.SliceData(b), len(b))) {
	case jsonscan.ErrTooDeep:
		return fmt.Errorf("%s: JSON nested more than %d levels deep: this is no call record", name, jsonscan.DepthLimit)
	case jsonscan.ErrInvalid:
		return syntaxError(name, b)
	}
	return nil
}

// safeParse turns a panic in the parse into an error: a bug must not take
// the user's terminal down with it. (Workers hand theirs back: see
// internal/parallel.)
func safeParse(f *data.File, b []byte, mem *budget, withFindings bool) (out *data.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%s: callscope could not read this file (%v); please report it with the file attached if you can", f.Name, r)
		}
	}()
	return parse(f, b, mem, withFindings)
}

func parse(f *data.File, b []byte, mem *budget, withFindings bool) (*data.File, error) {
	name := f.Name
	f.Raw = unsafe.String(unsafe.SliceData(b), len(b)) // the bytes loaded, not a copy
	root := jsonscan.Root(f.Raw)
	w := root.Scanner()
	f.PowerShell = isPascalCase(root)

	l := loader{mem: mem}
	var list jsonscan.Value // a collection's elements: an array, or one object in its place
	var ctx graphContext
	var rec *data.Record // the root, read while its shape was told
	rootEnd := -1        // where the root ends, once walked
	switch {
	case root.IsArray():
		list = root
	case root.IsObject():
		info := rootInfo{}
		rec = l.recordInfo(root, &info)
		rootEnd = root.Pos() + len(rec.Raw)
		w.CheckEnd(rootEnd)
		if err := l.stopped(name, w); err != nil {
			return nil, err
		}
		ctx = readContext(info.context)
		k, refusal := identify(ctx, info.keys, root)
		switch {
		case k == kindRecord && refusal == nil:
			if info.list.IsArray() {
				info.list.Check() // only skipped by recordInfo
			}
		case refusal != nil && (refusal.Log != NoLog || ctx.refusal != nil),
			!info.list.IsArray() && !info.list.IsObject():
			if refusal != nil && refusal.Log != NoLog && info.list.Exists() {
				if row, _, ok := firstObject(info.list); ok {
					refusal = logRefusal(refusal.Log, row) // a row has the ids a hint may name
				}
			}
			if refusal == nil { // a lone session or segment
				refusal = &NotCallRecordError{What: "it is a single " + map[kind]string{kindSession: "session", kindSegment: "segment"}[k] + ", not a whole call record",
					Hint: "open the call record it belongs to (GET /communications/callRecords/{id}?$expand=sessions($expand=segments)), or wrap it as a collection with jq '{value: [.]}'"}
			}
			return nil, refusal
		default:
			list, rec = info.list, nil
		}
	default:
		if err := l.stopped(name, w); err != nil {
			return nil, err
		}
		return nil, &NotCallRecordError{What: "it is a single JSON value " + shortRaw(root.Raw()) + ", where a call record is an object"}
	}

	if list.Exists() {
		first, none, ok := firstObject(list)
		if err := l.stopped(name, w); err != nil {
			return nil, err
		}
		if !ok {
			what := "it is an empty collection, with no call records or sessions in it"
			if none.Exists() {
				what = "it is a collection of " + valueWords(none) + ", with no call records in it"
			}
			return nil, &NotCallRecordError{What: what, Hint: openHint, empty: true}
		}
		k, refusal := identify(ctx, keysOf(first), first)
		if refusal != nil {
			if err := l.stopped(name, w); err != nil {
				return nil, err
			}
			return nil, refusal
		}
		switch k {
		case kindSession:
			f.Shape = data.ShapeSessions
			rec = &data.Record{ID: ctx.recordID}
			rec.Sessions = l.sessions(list)
		case kindSegment:
			f.Shape = data.ShapeSegments
			rec = &data.Record{ID: ctx.recordID}
			rec.Sessions = []*data.Session{l.segmentsAsSession(list, ctx.sessionID)}
		case kindRecord:
			if list.IsObject() {
				// {"value": {…}}: one record where a list belongs.
				f.Shape, f.Wrapped = data.ShapeRecord, true
				rec = l.record(list)
				f.Warnings = append(f.Warnings, `the call record is wrapped in {"value": …}; callscope read it from .value`)
			} else {
				f.Shape = data.ShapeRecordList
				f.Records = l.records(list)
				rec = nil
			}
		}
		if rec != nil && rec.Raw == "" {
			if rootEnd < 0 {
				rootEnd = root.End() // the walk just ended it: free; checked below
			}
			rec.Raw = f.Raw[root.Pos():rootEnd]
			rec.Start, rec.End = sessionsSpan(rec.Sessions)
			if f.Shape == data.ShapeSegments {
				rec.Sessions[0].Raw = rec.Raw // the session is the whole file too
			}
		}
	} else {
		f.Shape = data.ShapeRecord
	}
	if rec != nil {
		f.Records = []*data.Record{rec}
	}

	if rootEnd < 0 {
		rootEnd = root.End()
	}
	w.CheckEnd(rootEnd)
	if err := l.stopped(name, w); err != nil {
		return nil, err
	}
	if l.truncated != "" {
		return nil, fmt.Errorf("%s: this PowerShell export was cut off by ConvertTo-Json's depth limit (%s); "+
			"export again with `Invoke-MgGraphRequest -OutputType Json` (best) or `ConvertTo-Json -Depth 20`", name, l.truncated)
	}
	f.Warnings = append(f.Warnings, l.warnings(f)...)
	f.Keys = spelling(f)
	for _, r := range f.Records {
		quality.RollUp(r)
		if withFindings {
			r.Findings = findings.Of(r)
		}
		if f.Shape == data.ShapeRecord && len(r.Sessions) == 0 {
			r.Warnings = append(r.Warnings, "no sessions in this file: it holds call-level data only; "+
				"export with $expand=sessions($expand=segments) or `callscope --id "+idOr(r.ID)+" --save FILE`")
		}
		r.Warnings = append(r.Warnings, f.Warnings...)
	}
	return f, nil
}

// stopped is the error that ends the walk early: the memory limit reached,
// or bytes that are not JSON (which Load then locates).
func (l *loader) stopped(name string, w *jsonscan.Scanner) error {
	l.flush(w)
	if l.over {
		return l.mem.error(name, l.overAt)
	}
	if w.Failed() {
		return errNotJSON
	}
	return nil
}

// firstObject is the first object of a collection; when there is none,
// none is its first element, if any.
func firstObject(list jsonscan.Value) (first, none jsonscan.Value, ok bool) {
	if list.IsObject() {
		return list, jsonscan.Value{}, true
	}
	list.Elements(func(e jsonscan.Value) bool {
		if e.IsObject() {
			first, ok = e, true
			return false
		}
		if !none.Exists() {
			none = e
		}
		return true
	})
	return first, none, ok
}

// records reads a list of call records.
func (l *loader) records(list jsonscan.Value) []*data.Record {
	var out []*data.Record
	i := 0
	list.Elements(func(e jsonscan.Value) bool {
		l.push("value", i)
		if e.IsObject() {
			r := l.record(e)
			r.Index = i
			out = append(out, r)
		} else {
			l.bad("", "expected a call record, found "+shortRaw(e.Raw()))
		}
		l.pop()
		i++
		return true
	})
	return out
}

// segmentsAsSession reads a segments collection (GET
// …/sessions/{id}/segments) as the one session it belongs to.
func (l *loader) segmentsAsSession(list jsonscan.Value, id string) *data.Session {
	se := &data.Session{ID: id, Index: -1}
	l.eachElement(list, "value", func(i int, e jsonscan.Value) {
		sg := l.segment(e)
		sg.Index = i
		se.Segments = append(se.Segments, sg)
	})
	// The session's own ends are not in the file; a session's first
	// segment runs between the same two (feedback is said there too).
	if len(se.Segments) > 0 {
		se.Caller, se.Callee = se.Segments[0].Caller, se.Segments[0].Callee
	}
	for _, sg := range se.Segments {
		if se.Start.IsZero() || (!sg.Start.IsZero() && sg.Start.Before(se.Start)) {
			se.Start = sg.Start
		}
		if sg.End.After(se.End) {
			se.End = sg.End
		}
	}
	quality.JudgeSession(se)
	return se
}

// sessionsSpan is the earliest start and the latest end of sessions.
func sessionsSpan(sessions []*data.Session) (start, end time.Time) {
	for _, s := range sessions {
		if start.IsZero() || (!s.Start.IsZero() && s.Start.Before(start)) {
			start = s.Start
		}
		if s.End.After(end) {
			end = s.End
		}
	}
	return start, end
}

func idOr(id string) string {
	if id == "" {
		return "ID"
	}
	return id
}

// warnings turns what the walk noticed into sentences that say how to fix it.
func (l *loader) warnings(f *data.File) []string {
	var w []string
	id := "ID"
	if len(f.Records) == 1 && f.Records[0].ID != "" {
		id = f.Records[0].ID
	}
	switch f.Shape {
	case data.ShapeSessions:
		what := "the call's id, type, organizer and participants are"
		if id != "ID" {
			what = "the call's type, organizer and participants are"
		}
		w = append(w, "this file is a sessions collection: "+what+
			" missing; export the whole record with `callscope --id "+id+" --save FILE` or GET /communications/callRecords/"+id+"?$expand=sessions($expand=segments)")
	case data.ShapeSegments:
		what := "the session's id, caller and callee and the call itself are"
		if len(f.Records) == 1 && len(f.Records[0].Sessions) == 1 && f.Records[0].Sessions[0].ID != "" {
			what = "the session's caller and callee and the call itself are"
		}
		w = append(w, "this file is a segments collection, one session's segments: "+what+" missing; "+
			"export the whole record with `callscope --id "+id+" --save FILE` or GET /communications/callRecords/"+id+"?$expand=sessions($expand=segments)")
	}
	if n := l.nextLinks["sessions"]; n > 0 || (f.Shape == data.ShapeSessions && l.nextLinks["value"] > 0) {
		have := 0
		for _, r := range f.Records {
			have += len(r.Sessions)
		}
		link := "sessions@odata.nextLink"
		if f.Shape == data.ShapeSessions {
			link = "@odata.nextLink"
		}
		w = append(w, fmt.Sprintf("sessions are missing: the file holds %s and a link to at least one more page (up to 60 sessions each); "+
			"fetch every page with `callscope --id %s --save FILE`, or follow %s until none is left", text.Plural(have, "session"), id, link))
	}
	if l.noSegments > 0 {
		which := "no session holds segments"
		if l.noSegments < l.sessionsRead {
			which = fmt.Sprintf("%d of %d sessions hold no segments", l.noSegments, l.sessionsRead)
		}
		how := "GET /communications/callRecords/" + id + "?$expand=sessions($expand=segments)"
		if f.Shape == data.ShapeSessions {
			how = "GET /communications/callRecords/" + id + "/sessions?$expand=segments"
		}
		w = append(w, which+", so no media or streams: the file was fetched without $expand=segments; "+
			"fetch them with `callscope --id "+id+" --save FILE` or "+how)
	}
	if l.nextLinks["participantsv2"] > 0 || l.nextLinks["participants"] > 0 {
		w = append(w, fmt.Sprintf("participants are missing: the file has a participants_v2@odata.nextLink; "+
			"fetch them all with `callscope --id %s --save FILE`, or GET /communications/callRecords/%s/participants_v2 and follow @odata.nextLink", id, id))
	}
	if l.nextLinks["segments"] > 0 || (f.Shape == data.ShapeSegments && l.nextLinks["value"] > 0) {
		w = append(w, "segments are missing: a session holds segments@odata.nextLink; fetch with $expand=sessions($expand=segments)")
	}
	if f.Shape == data.ShapeRecordList && l.nextLinks["value"] > 0 {
		w = append(w, "more call records exist: the list has an @odata.nextLink; narrow the time range or fetch every page with `callscope list`")
	}
	if f.Shape == data.ShapeRecordList {
		w = append(w, "this file is a list of call records: lists hold no sessions; open one record with `callscope --id ID`")
	}
	for _, p := range l.problems {
		w = append(w, "bad value at "+p)
	}
	if l.nProblems > len(l.problems) {
		w = append(w, fmt.Sprintf("… and %d more bad values", l.nProblems-len(l.problems)))
	}
	return w
}

// isPascalCase tells a PowerShell SDK export by its first key.
func isPascalCase(root jsonscan.Value) bool {
	v := root
	if v.IsArray() {
		root.Elements(func(e jsonscan.Value) bool { v = e; return false })
	}
	pascal := false
	v.Members(func(k string, _ jsonscan.Value) bool {
		if strings.HasPrefix(k, "@") {
			return true
		}
		pascal = k != "" && k[0] >= 'A' && k[0] <= 'Z'
		return false
	})
	return pascal
}

// SyntaxError is malformed JSON, with where it went wrong.
type SyntaxError struct {
	Name         string
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: invalid JSON: %s", e.Name, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: invalid JSON: %s", e.Name, e.Line, e.Column, e.Msg)
}

// syntaxError finds where b stops being JSON. Only the error path pays for
// encoding/json's slower scanner.
func syntaxError(name string, b []byte) error {
	var raw json.RawMessage
	err := json.Unmarshal(b, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset)
		msg := se.Error()
		if strings.Contains(msg, "unexpected end of JSON input") {
			msg = "the file ends early: it was cut off while saving or copying"
			off = len(b) + 1 // point past the last byte
		}
		// encoding/json's offset is after the bad byte.
		line, col := jsonscan.LineCol(b, off-1)
		return &SyntaxError{Name: name, Line: line, Column: col, Msg: msg}
	}
	if err != nil {
		return &SyntaxError{Name: name, Msg: err.Error()}
	}
	return &SyntaxError{Name: name, Msg: "not valid JSON"}
}
