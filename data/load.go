package data

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/tidwall/gjson"
)

// Shape is the kind of export a file holds.
type Shape string

const (
	ShapeRecord     Shape = "call record"
	ShapeSessions   Shape = "sessions collection"
	ShapeRecordList Shape = "list of call records"
)

// File is what a source held: one or more call records.
type File struct {
	Name       string // path, "-" for standard input, or the demo's name
	Size       int    // bytes after decompression
	Shape      Shape
	PowerShell bool // PascalCase keys: ConvertTo-Json of SDK objects
	Records    []*Record
	Warnings   []string // about the file as a whole

	raw  string            // the whole document, for paths into it
	keys map[string]string // how this file spells keys: "sessions" → "Sessions"
}

// ReadSource reads a path, or standard input for "-", and decompresses gzip
// recognised by its magic bytes whatever the file is called.
func ReadSource(path string, stdin io.Reader) ([]byte, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, err
	}
	return decode(path, b)
}

func decode(name string, b []byte) ([]byte, error) {
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: bad gzip data: %v", name, err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip data is damaged or cut short (%v); copy the file again", name, err)
		}
		b = out
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		// Windows PowerShell 5.1's Out-File and > write UTF-16 LE.
		b = utf16ToUTF8(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		b = utf16ToUTF8(b[2:], true)
	}
	return b, nil
}

func utf16ToUTF8(b []byte, bigEndian bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// LoadSource reads and loads a path or "-".
func LoadSource(path string, stdin io.Reader) (*File, error) {
	b, err := ReadSource(path, stdin)
	if err != nil {
		return nil, err
	}
	return Load(path, b)
}

// Load parses an export of any supported shape. b must not change afterwards:
// every string in the result is a view of it.
func Load(name string, b []byte) (*File, error) {
	f := &File{Name: name, Size: len(b)}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	// The walk checks the JSON as it reads it: no separate pass.
	f, err := safeParse(f, b)
	if errors.Is(err, errChanged) {
		return nil, err
	}
	if err != nil {
		// Bytes that are not JSON are told as such, whatever else the
		// parse tripped over first.
		if jerr := checkJSON(name, b); jerr != nil {
			return nil, jerr
		}
		if errors.Is(err, errNotJSON) { // the walk and the check disagree: a bug of ours
			return nil, fmt.Errorf("%s: callscope could not read this file (its JSON check and its parse disagree); please report it with the file attached if you can", name)
		}
		return nil, err
	}
	if len(f.Records) == 0 {
		return nil, fmt.Errorf("%s: no call records in this file", name)
	}
	return f, nil
}

// errNotJSON is the walk's word that the bytes are not JSON; Load finds out
// where with checkJSON.
var errNotJSON = errors.New("not JSON")

// checkJSON is the slow path's validation: nil when b is one JSON value.
func checkJSON(name string, b []byte) error {
	w := &walker{src: unsafeString(b)}
	if e := w.skipValid(w.space(0), 0); !w.bad && w.space(e) != len(b) {
		w.fail()
	}
	switch {
	case w.deep:
		return fmt.Errorf("%s: JSON nested more than %d levels deep: this is no call record", name, depthLimit)
	case w.bad:
		return syntaxError(name, b)
	}
	return nil
}

// safeParse turns a panic in the parse into an error: a bug must not take
// the user's terminal down with it. (Workers hand theirs back: see parallel.go.)
func safeParse(f *File, b []byte) (out *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%s: callscope could not read this file (%v); please report it with the file attached if you can", f.Name, r)
			if isFault(r) {
				err = changedError(f.Name)
			}
		}
	}()
	return parse(f, b)
}

func parse(f *File, b []byte) (*File, error) {
	name := f.Name
	f.raw = unsafeString(b) // not root.Raw(): that would scan 100 MB to find the end
	root := rootValue(f.raw)
	w := root.w
	f.PowerShell = isPascalCase(root)

	var l loader
	var list value // the array of a collection
	var context string
	var rec *Record // the root, read while its shape was told
	rootEnd := -1   // where the root ends, once walked
	switch {
	case root.IsArray():
		list = root
	case root.IsObject():
		info := rootInfo{keys: map[string]bool{}}
		rec = l.recordInfo(root, &info)
		rootEnd = root.pos + len(rec.Raw)
		w.checkEnd(rootEnd)
		context = info.context
		isRecord := false
		for _, k := range []string{"sessions", "type", "modalities", "organizerv2", "organizer", "participantsv2", "version"} {
			isRecord = isRecord || info.keys[k]
		}
		if info.list.IsArray() && !isRecord {
			list = info.list
			rec = nil
		} else {
			if info.list.IsArray() {
				info.list.check() // only skipped by recordInfo
			}
			if err := foreign(name, info.keys, root); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("%s: expected a JSON object or array, found %s", name, shortRaw(root.Raw()))
	}
	if w.bad {
		return nil, errNotJSON
	}

	collection := list.Exists()
	var first value
	if collection {
		var ok bool
		if first, ok = firstElement(list); !ok {
			return nil, fmt.Errorf("%s: the collection is empty: no call records or sessions in it", name)
		}
		if err := checkForeign(name, first); err != nil {
			return nil, err
		}
	}
	switch {
	case collection && looksLikeSession(first):
		f.Shape = ShapeSessions
		rec := &Record{ID: idFromContext(context)}
		rec.Sessions = l.sessions(list)
		if rootEnd < 0 {
			rootEnd = root.end() // the sessions' walk just ended it: free; checked below
		}
		rec.Raw = f.raw[root.pos:rootEnd]
		for _, s := range rec.Sessions {
			if rec.Start.IsZero() || (!s.Start.IsZero() && s.Start.Before(rec.Start)) {
				rec.Start = s.Start
			}
			if s.End.After(rec.End) {
				rec.End = s.End
			}
		}
		what := "the call's id, type, organizer and participants are"
		if rec.ID != "" {
			what = "the call's type, organizer and participants are"
		}
		rec.Warnings = append(rec.Warnings, "this file is a sessions collection: "+what+
			" missing; export the whole record with `callscope --id "+idOr(rec.ID)+" --save FILE` or GET /communications/callRecords/"+idOr(rec.ID)+"?$expand=sessions($expand=segments)")
		f.Records = []*Record{rec}
	case collection:
		f.Shape = ShapeRecordList
		for i, e := range elements(list) {
			l.push("value", i)
			if e.IsObject() {
				r := l.record(e)
				r.Index = i
				f.Records = append(f.Records, r)
			} else {
				l.bad("", "expected a call record, found "+shortRaw(e.Raw()))
			}
			l.pop()
		}
	default:
		f.Shape = ShapeRecord
		f.Records = []*Record{rec}
	}

	if rootEnd < 0 {
		rootEnd = root.end()
	}
	w.checkEnd(rootEnd)
	if w.bad {
		return nil, errNotJSON
	}
	if l.truncated != "" {
		return nil, fmt.Errorf("%s: this PowerShell export was cut off by ConvertTo-Json's depth limit (%s); "+
			"export again with `Invoke-MgGraphRequest -OutputType Json` (best) or `ConvertTo-Json -Depth 20`", name, l.truncated)
	}
	f.Warnings = append(f.Warnings, l.warnings(f)...)
	for _, r := range f.Records {
		judgeRecord(r)
		if f.Shape != ShapeRecordList && len(r.Sessions) == 0 {
			r.Warnings = append(r.Warnings, "no sessions in this file: it holds call-level data only; "+
				"export with $expand=sessions($expand=segments) or `callscope --id "+idOr(r.ID)+" --save FILE`")
		}
		r.Warnings = append(r.Warnings, f.Warnings...)
	}
	return f, nil
}

func idOr(id string) string {
	if id == "" {
		return "ID"
	}
	return id
}

// warnings turns what the walk noticed into sentences that say how to fix it.
func (l *loader) warnings(f *File) []string {
	var w []string
	id := "ID"
	if len(f.Records) == 1 && f.Records[0].ID != "" {
		id = f.Records[0].ID
	}
	if n := l.nextLinks["sessions"]; n > 0 || (f.Shape == ShapeSessions && l.nextLinks["value"] > 0) {
		have := 0
		for _, r := range f.Records {
			have += len(r.Sessions)
		}
		link := "sessions@odata.nextLink"
		if f.Shape == ShapeSessions {
			link = "@odata.nextLink"
		}
		w = append(w, fmt.Sprintf("sessions are missing: the file holds %s and a link to at least one more page (up to 60 sessions each); "+
			"fetch every page with `callscope --id %s --save FILE`, or follow %s until none is left", plural(have, "session"), id, link))
	}
	if l.nextLinks["participantsv2"] > 0 || l.nextLinks["participants"] > 0 {
		w = append(w, fmt.Sprintf("participants are missing: the file has a participants_v2@odata.nextLink; "+
			"fetch them all with `callscope --id %s --save FILE`, or GET /communications/callRecords/%s/participants_v2 and follow @odata.nextLink", id, id))
	}
	if l.nextLinks["segments"] > 0 {
		w = append(w, "segments are missing: a session holds segments@odata.nextLink; fetch with $expand=sessions($expand=segments)")
	}
	if f.Shape == ShapeRecordList && l.nextLinks["value"] > 0 {
		w = append(w, "more call records exist: the list has an @odata.nextLink; narrow the time range or fetch every page with `callscope list`")
	}
	if f.Shape == ShapeRecordList {
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

// looksLikeSession tells a session from a call record by its own keys.
func looksLikeSession(v value) bool {
	found := false
	forEachMember(v, func(k string, _ value) bool {
		switch k {
		case "caller", "callee", "segments":
			found = true
			return false
		}
		return true
	})
	return found
}

// checkForeign recognises Graph responses that are not call records and
// says what to do instead.
func checkForeign(name string, v value) error {
	keys := map[string]bool{}
	forEachMember(v, func(k string, _ value) bool {
		keys[strings.Clone(k)] = true
		return true
	})
	return foreign(name, keys, v)
}

func foreign(name string, keys map[string]bool, v value) error {
	switch {
	case keys["resourcedata"] || keys["subscriptionid"]:
		id := Clean(gjson.Get(v.Raw(), "resourceData.id").String())
		return fmt.Errorf("%s: this is a change notification, not a call record; fetch the record it names with `callscope --id %s`", name, idOr(id))
	case keys["callid"] || keys["calltype"] || keys["calleenumber"] || keys["callernumber"]:
		return fmt.Errorf("%s: this is a PSTN or Direct Routing call log, not a call record; callscope opens callRecords (GET /communications/callRecords/{id}?$expand=sessions($expand=segments))", name)
	case keys["identity"] && !keys["sessions"] && !keys["type"] && !keys["caller"]:
		return fmt.Errorf("%s: this is a list of participants, not a call record; open the call record itself (GET /communications/callRecords/{id}?$expand=sessions($expand=segments))", name)
	}
	return nil
}

var contextID = regexp.MustCompile(`callRecords\('([^']+)'\)`)

func idFromContext(ctx string) string {
	if m := contextID.FindStringSubmatch(ctx); m != nil {
		return m[1]
	}
	return ""
}

// isPascalCase tells a PowerShell SDK export by its first key.
func isPascalCase(root value) bool {
	v := root
	if v.IsArray() {
		forEachRaw(root, func(_ string, e value) bool { v = e; return false })
	}
	pascal := false
	forEachRaw(v, func(k string, _ value) bool {
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
		line, col := lineCol(b, off)
		return &SyntaxError{Name: name, Line: line, Column: col, Msg: msg}
	}
	if err != nil {
		return &SyntaxError{Name: name, Msg: err.Error()}
	}
	return &SyntaxError{Name: name, Msg: "not valid JSON"}
}

// lineCol turns a byte offset into a 1-based line and column (in runes).
func lineCol(b []byte, off int) (int, int) {
	// encoding/json reports the offset after the bad byte.
	off = min(max(off-1, 0), len(b))
	line := 1 + bytes.Count(b[:off], []byte{'\n'})
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, 1 + len([]rune(string(b[start:off])))
}
