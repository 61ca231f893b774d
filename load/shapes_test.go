package load

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/jqpath"
	"github.com/callscope/callscope/search"
	"github.com/tidwall/gjson"
)

// graphUser is Graph's documented user GET response (microsoft-graph-docs,
// user-get.md, "Example 1"), the kind of file people open by mistake.
const graphUser = `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
  "businessPhones": ["+1 425 555 0109"],
  "displayName": "Adele Vance",
  "givenName": "Adele",
  "jobTitle": "Retail Manager",
  "mail": "AdeleV@contoso.com",
  "mobilePhone": "+1 425 555 0109",
  "officeLocation": "18/2111",
  "preferredLanguage": "en-US",
  "surname": "Vance",
  "userPrincipalName": "AdeleV@contoso.com",
  "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd"
}`

const packageJSON = `{
  "name": "my-app",
  "version": "1.0.0",
  "description": "not a call",
  "type": "module",
  "main": "index.js",
  "scripts": {"test": "node test.js"},
  "dependencies": {"left-pad": "^1.3.0"}
}`

// JSON that is no call record, sessions or segments collection, or list of
// call records is refused with one line that says what it is, as an error
// the command line can tell apart without reading its text.
func TestNotCallRecordsAreNamed(t *testing.T) {
	userNoContext := strings.Replace(graphUser, `"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",`, "", 1)
	cases := []struct {
		name, doc string // doc "" reads the sample named
		want      []string
		log       LogKind
		bad       bool // the JSON is malformed too
	}{
		{"getpstncalls-v1.json", "", []string{"PSTN call log (pstnCallLogRow", "callscope list"}, LogPSTNCalls, false},
		{"beta-getpstncalls.json", "", []string{"PSTN call log"}, LogPSTNCalls, false},
		{"getdirectroutingcalls-v1.json", "", []string{"Direct Routing call log", "`callscope --id c98e1515-a937-4b81-b8a8-3992afde64e0`"}, LogDirectRouting, false},
		{"beta-getdirectroutingcalls.json", "", []string{"Direct Routing call log"}, LogDirectRouting, false},
		{"beta-getsmslog.json", "", []string{"SMS log (smsLogRow"}, LogSMS, false},
		{"beta-getpstnonlinemeetingdialoutreport.json", "", []string{"dial-out report (pstnOnlineMeetingDialoutReport"}, LogDialout, false},
		{"getpstnblockeduserslog-beta.json", "", []string{"blocked users log", "malformed at line 15, column 9"}, LogBlockedUsers, true},
		{"participants_v2-list-v1.json", "", []string{"list of participants"}, NoLog, false},
		{"beta-participants_v2-list.json", "", []string{"list of participants"}, NoLog, false},
		{"changenotification-callrecords.json", "", []string{"change notification", "callscope --id"}, NoLog, false},
		{"user.json", graphUser, []string{"Graph user (users/$entity)", "callscope list --participant"}, NoLog, false},
		{"user-plain.json", userNoContext, []string{"it is a Graph user", "callscope list --participant"}, NoLog, false},
		{"users.json", `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[` + graphUser + `]}`, []string{"list of Graph users"}, NoLog, false},
		{"meeting.json", `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('x')/onlineMeetings/$entity","subject":"Sync"}`, []string{"Graph's users('x')/onlineMeetings/$entity"}, NoLog, false},
		{"empty-object.json", `{}`, []string{"empty object ({})"}, NoLog, false},
		{"foo.json", `{"foo":1}`, []string{"it has no sessions, and no id with a call's dates", "its keys, lower-cased: foo)"}, NoLog, false},
		{"package.json", packageJSON, []string{"no id with a call's dates", "its keys, lower-cased: name, version, description, type, …"}, NoLog, false},
		{"empty-array.json", `[]`, []string{"empty collection"}, NoLog, false},
		{"numbers.json", `[1,2]`, []string{"collection of numbers, with no call records in it"}, NoLog, false},
		{"empty-value.json", `{"value":[]}`, []string{"empty collection"}, NoLog, false},
		{"objects.json", `{"value":[{"foo":1}]}`, []string{"its keys, lower-cased: foo"}, NoLog, false},
		{"string.json", `"x"`, []string{"a single JSON string"}, NoLog, false},
		{"number.json", " 42\n", []string{"a single JSON number"}, NoLog, false},
		{"session.json", `{"id":"s","caller":{},"callee":{},"segments":[]}`, []string{"a single session", "jq"}, NoLog, false},
		{"bad-value.json", `{"value":{"foo":1},"x":}`, nil, NoLog, true},
		{"id-only.json", `{"id":"x"}`, []string{"its keys, lower-cased: id)"}, NoLog, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := []byte(c.doc)
			if c.doc == "" {
				doc = fixture.Read(t, "graph", c.name)
			}
			_, err := Load(c.name, doc)
			var se *SyntaxError
			if c.want == nil { // malformed before anything tells what it is
				if !errors.As(err, &se) || errors.Is(err, ErrNotCallRecord) {
					t.Fatalf("error %v, want a syntax error only", err)
				}
				return
			}
			var nc *NotCallRecordError
			if !errors.Is(err, ErrNotCallRecord) || !errors.As(err, &nc) {
				t.Fatalf("error %v is no NotCallRecordError", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.name+": not a call record: ") || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line starting with the name", msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if nc.Log != c.log {
				t.Errorf("log kind %v, want %v", nc.Log, c.log)
			}
			if got := errors.As(err, &se); got != c.bad {
				t.Errorf("a syntax error too: %v, want %v", got, c.bad)
			}
			// A user's id is no call record's: never suggest opening it.
			if strings.Contains(msg, "--id 87d349ed") {
				t.Errorf("message suggests the user's id as a call's: %q", msg)
			}
		})
	}
}

// segmentsOf builds a segments collection (GET …/sessions/{id}/segments)
// from the first session of a public sessions sample.
func segmentsOf(t *testing.T, sample string, withContext bool) (doc []byte, session gjson.Result) {
	t.Helper()
	session = gjson.GetBytes(fixture.Read(t, "graph", sample), "value.0")
	segs := session.Get("segments").Raw
	if !withContext {
		return []byte(segs), session
	}
	return []byte(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('e523d2ed')/sessions('` +
		session.Get("id").String() + `')/segments","value":` + segs + `}`), session
}

// A segments collection loads as one session, with every stream its
// segments hold, and says what is missing.
func TestSegmentsCollectionLoadsAsOneSession(t *testing.T) {
	whole, err := Load("whole.json", fixture.Read(t, "graph", "session-list-expand-segments-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := whole.Records[0].Sessions[0]
	for _, withContext := range []bool{true, false} {
		doc, session := segmentsOf(t, "session-list-expand-segments-v1.json", withContext)
		f, err := Load("segments.json", doc)
		if err != nil {
			t.Fatal(err)
		}
		if f.Shape != data.ShapeSegments || len(f.Records) != 1 || len(f.Records[0].Sessions) != 1 {
			t.Fatalf("shape %q with %d records", f.Shape, len(f.Records))
		}
		r := f.Records[0]
		se := r.Sessions[0]
		// The streams and failures are all here; a finding from the
		// session's own ends (feedback) is not in a segments collection.
		got, wantQ := r.Quality, want.Quality
		got.ProblemFindings, wantQ.ProblemFindings = 0, 0
		if c := r.Counts(); c.Segments != len(want.Segments) || c.Streams != 2 || got != wantQ {
			t.Errorf("counts %+v and verdicts %+v, want the session's %+v", c, r.Quality, want.Quality)
		}
		if n := r.Names().SessionWho(se); n != r.Names().SessionWho(want) {
			t.Errorf("the session is %q, want %q as its first segment's ends", n, r.Names().SessionWho(want))
		}
		wantID, wantRecord := "", ""
		if withContext {
			wantID, wantRecord = session.Get("id").String(), "e523d2ed"
		}
		if se.ID != wantID || r.ID != wantRecord || se.Start.IsZero() || !se.Start.Equal(want.Segments[0].Start) {
			t.Errorf("session %q of record %q from %v", se.ID, r.ID, se.Start)
		}
		if se.Raw == "" || se.Raw != r.Raw {
			t.Errorf("the session's raw JSON is not the whole file: %.40q", se.Raw)
		}
		if !anyContains(r.Warnings, "segments collection") || !anyContains(r.Warnings, "$expand=sessions($expand=segments)") {
			t.Errorf("warnings %q", r.Warnings)
		}
		sg := se.Segments[0]
		md := sg.Media[0]
		p := jqpath.Of(f, r, se, sg, md, md.Streams[1])
		wantPath := ".value[0].media[0].streams[1]"
		if !withContext {
			wantPath = ".[0].media[0].streams[1]"
		}
		if p != wantPath || jqpath.Of(f, r, se, nil, nil, nil) != "." {
			t.Errorf("path %q, want %q", p, wantPath)
		}
		if got := gjson.GetBytes(doc, strings.TrimLeft(strings.NewReplacer("[", ".", "]", "").Replace(p), ".")).Get("streamId").String(); got != md.Streams[1].StreamID {
			t.Errorf("path %q leads to stream %q, want %q", p, got, md.Streams[1].StreamID)
		}
		var places []data.Place
		if err := search.Values(context.Background(), f, md.Streams[1].StreamID, func(p data.Place) { places = append(places, p) }); err != nil {
			t.Fatal(err)
		}
		if len(places) != 1 || places[0] != (data.Place{Rec: 0, Se: 0, Sg: 0, Md: 0, St: 1}) {
			t.Errorf("search found %v", places)
		}
	}
}

// A record selected down to its id ($select=id) is still a record when
// @odata.context says so.
func TestRecordOfOnlyAnIDWithItsContext(t *testing.T) {
	r := loadNamed(t, "id.json", []byte(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords(id)/$entity","id":"abc"}`))
	if r.ID != "abc" || !anyContains(r.Warnings, "no sessions in this file") {
		t.Errorf("id %q, warnings %q", r.ID, r.Warnings)
	}
}

// A record standing in {"value": {…}} is read from there, with a warning,
// and its paths go through .value.
func TestRecordWrappedInValueIsUnwrapped(t *testing.T) {
	plain := fixture.Read(t, "graph", "callrecord-get-expand-sessions-v1-2021.json")
	doc := []byte(`{"value": ` + string(plain) + `}`)
	f, err := Load("wrapped.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Load("plain.json", plain)
	r, wr := f.Records[0], want.Records[0]
	if f.Shape != data.ShapeRecord || r.ID != wr.ID || r.Counts() != wr.Counts() || r.Quality != wr.Quality {
		t.Fatalf("shape %q id %q counts %+v, want the plain record's", f.Shape, r.ID, r.Counts())
	}
	if !anyContains(r.Warnings, `wrapped in {"value": …}`) {
		t.Errorf("warnings %q", r.Warnings)
	}
	se := r.Sessions[0]
	if p := jqpath.Of(f, r, se, nil, nil, nil); p != ".value.sessions[0]" {
		t.Errorf("path %q", p)
	}
	var places []data.Place
	search.Values(context.Background(), f, "Abbie", func(p data.Place) { places = append(places, p) })
	if len(places) == 0 || places[0].Rec != 0 {
		t.Errorf("search in the wrapped record found %v", places)
	}
	// A lone session in {"value": {…}} is a sessions collection of one.
	one := gjson.GetBytes(fixture.Read(t, "graph", "session-list-expand-segments-v1.json"), "value.0").Raw
	f, err = Load("one.json", []byte(`{"value": `+one+`}`))
	if err != nil || f.Shape != data.ShapeSessions || len(f.Records[0].Sessions) != 1 || f.Records[0].Counts().Streams != 2 {
		t.Errorf("one session in value: %v %+v", err, f)
	}
}

// Sessions fetched without $expand=segments say that every stream is
// missing and how to fetch them.
func TestSessionsWithoutSegmentsWarn(t *testing.T) {
	for _, c := range []struct {
		name, doc, want string
	}{
		{"beta-session-list.json", "", "/sessions?$expand=segments"},
		{"session-list-v1.json", "", "/sessions?$expand=segments"},
		{"record.json", `{"id":"r","type":"groupCall","sessions":[{"id":"s","caller":{},"callee":{}},{"id":"t","segments":[]}]}`, "?$expand=sessions($expand=segments)"},
	} {
		doc := []byte(c.doc)
		if c.doc == "" {
			doc = fixture.Read(t, "graph", c.name)
		}
		r := loadNamed(t, c.name, doc)
		which := "no session holds segments, so no media or streams"
		if c.name == "record.json" {
			which = "1 of 2 sessions hold no segments"
		}
		if !anyContains(r.Warnings, which) || !anyContains(r.Warnings, c.want) {
			t.Errorf("%s: warnings %q lack %q and %q", c.name, r.Warnings, which, c.want)
		}
	}
	r := loadNamed(t, "s.json", fixture.Read(t, "graph", "beta-session-list-expand-segments.json"))
	if anyContains(r.Warnings, "no segments") {
		t.Errorf("sessions with segments warned: %q", r.Warnings)
	}
}

func loadNamed(t *testing.T, name string, doc []byte) *data.Record {
	t.Helper()
	f, err := Load(name, doc)
	if err != nil {
		t.Fatal(err)
	}
	return f.Records[0]
}

// Comment lines before the JSON are skipped with a warning, without
// copying the file, and positions in later errors still count them.
func TestCommentLinesBeforeTheJSON(t *testing.T) {
	plain := fixture.Read(t, "graph", "callrecord-get-expand-sessions-v1-2021.json")
	head := "// exported 2026-02-17 by a script\r\n  // call with Bob, poor audio\n\n"
	f, err := Load("c.json", append([]byte(head), plain...))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Records[0]
	if !anyContains(r.Warnings, "skipped 2 comment lines before the JSON") {
		t.Errorf("warnings %q", r.Warnings)
	}
	want, _ := Load("plain.json", plain)
	if r.Counts() != want.Records[0].Counts() || r.Quality != want.Records[0].Quality || f.Size != len(head)+len(plain) {
		t.Errorf("counts %+v, size %d", r.Counts(), f.Size)
	}
	if p := jqpath.Of(f, r, r.Sessions[0], nil, nil, nil); p != ".sessions[0]" {
		t.Errorf("path %q", p)
	}

	for _, c := range []struct {
		doc       string
		line, col int
	}{
		{"// a\n// b\n{\n  \"id\": \n}", 5, 1},
		{"// a\n{\"id\": \"x\",\n// in the middle\n\"type\": \"groupCall\"}", 3, 1},
		{"// a\n{\"value\": [{\"foo\": 1},]}", 2, 23},
	} {
		_, err := Load("bad.json", []byte(c.doc))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Line != c.line || se.Column != c.col {
			t.Errorf("%q: %v, want a syntax error at %d:%d", c.doc, err, c.line, c.col)
		}
	}
	for doc, want := range map[string]string{
		"// only a comment\n": "nothing but comment lines",
		"/ not a comment\n{}": "bad.json:1:1: invalid JSON: it starts with '/' that opens no // comment line",
	} {
		if _, err := Load("bad.json", []byte(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", doc, err, want)
		}
	}

	// The same through a file.
	dir := t.TempDir()
	p := filepath.Join(dir, "c.json")
	gen := generated(t)
	big := append([]byte(head), gen...)
	if err := os.WriteFile(p, big, 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := ReadSource(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f, err := Load(p, b); err != nil || !anyContains(f.Records[0].Warnings, "skipped 2 comment lines") {
		t.Errorf("from a file: %v", err)
	}
}
