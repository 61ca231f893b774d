package load

import (
	"bytes"
	"compress/gzip"
	"errors"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/report"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

// Every public sample that is a call record, a sessions collection or a list
// loads, with the counts and verdicts read off the file by hand.
func TestPublicSamples(t *testing.T) {
	cases := []struct {
		file                       string
		shape                      data.Shape
		records, sessions, streams int
		good, poor, unclassified   int
		participants               int
		warning                    string // a part of one warning
	}{
		{"callrecord-get-basic-v1.json", data.ShapeRecord, 1, 0, 0, 0, 0, 0, 0, "no sessions in this file"},
		{"callrecord-get-basic-v1-2021.json", data.ShapeRecord, 1, 0, 0, 0, 0, 0, 2, "no sessions in this file"},
		{"callrecord-get-expand-participants_v2-v1.json", data.ShapeRecord, 1, 0, 0, 0, 0, 0, 1, "participants are missing"},
		{"callrecord-get-expand-sessions-v1.json", data.ShapeRecord, 1, 1, 1, 0, 0, 1, 2, "sessions are missing: the file holds 1 session and a link"},
		{"callrecord-get-expand-sessions-v1-2021.json", data.ShapeRecord, 1, 1, 2, 1, 0, 1, 2, "sessions are missing"},
		{"callrecords-list-v1.json", data.ShapeRecordList, 2, 0, 0, 0, 0, 0, 0, "list of call records"},
		{"callrecords-list-filter-startdatetime-v1.json", data.ShapeRecordList, 1, 0, 0, 0, 0, 0, 0, "list of call records"},
		{"m365cli-spec-callrecord-get-expand-sessions.json", data.ShapeRecord, 1, 1, 4, 1, 0, 3, 1, ""},
		{"m365cli-spec-callrecord-get-participants_v2.json", data.ShapeRecord, 1, 0, 0, 0, 0, 0, 1, "no sessions"},
		{"m365cli-teams-callrecord-get.json", data.ShapeRecord, 1, 1, 1, 0, 0, 1, 1, ""},
		{"m365cli-teams-callrecord-list.json", data.ShapeRecordList, 1, 0, 0, 0, 0, 0, 0, "list of call records"},
		{"session-list-v1.json", data.ShapeSessions, 1, 1, 0, 0, 0, 0, 2, "sessions collection"},
		{"session-list-v1-2021.json", data.ShapeSessions, 1, 1, 0, 0, 0, 0, 2, "sessions collection"},
		{"session-list-expand-segments-v1.json", data.ShapeSessions, 1, 1, 2, 1, 0, 1, 2, "sessions collection"},
		{"session-list-expand-segments-v1-2021.json", data.ShapeSessions, 1, 1, 2, 1, 0, 1, 2, "sessions collection"},
		{"beta-callrecord-get-basic-2020.json", data.ShapeRecord, 1, 0, 0, 0, 0, 0, 2, "no sessions in this file"},
		{"beta-callrecord-get-expand-sessions-2020.json", data.ShapeRecord, 1, 1, 2, 1, 0, 1, 2, "sessions are missing"},
		{"beta-callrecords-list.json", data.ShapeRecordList, 2, 0, 0, 0, 0, 0, 0, "list of call records"},
		{"beta-session-list.json", data.ShapeSessions, 1, 1, 0, 0, 0, 0, 2, "no session holds segments"},
		// One stream, whose only metric is null: unclassified.
		{"beta-session-list-expand-segments.json", data.ShapeSessions, 1, 1, 1, 0, 0, 1, 2, "sessions collection"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f, err := Load(c.file, fixture.Read(t, "graph", c.file))
			if err != nil {
				t.Fatal(err)
			}
			if f.Shape != c.shape || len(f.Records) != c.records {
				t.Fatalf("shape %q with %d records, want %q with %d", f.Shape, len(f.Records), c.shape, c.records)
			}
			r := f.Records[0]
			cn := r.Counts()
			if cn.Sessions != c.sessions || cn.Streams != c.streams || cn.Participants != c.participants {
				t.Errorf("counts %+v, want %d sessions, %d streams, %d participants", cn, c.sessions, c.streams, c.participants)
			}
			q := r.Quality
			if q.Good != c.good || q.Poor != c.poor || q.Unclassified != c.unclassified {
				t.Errorf("verdicts %+v, want %d good %d poor %d unclassified", q, c.good, c.poor, c.unclassified)
			}
			if c.warning != "" && !anyContains(r.Warnings, c.warning) {
				t.Errorf("warnings %q lack %q", r.Warnings, c.warning)
			}
			if c.warning == "" && len(r.Warnings) != 0 {
				t.Errorf("unexpected warnings %q", r.Warnings)
			}
		})
	}
}

func anyContains(ss []string, part string) bool {
	for _, s := range ss {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

func TestSampleDetails(t *testing.T) {
	f, err := Load("x", fixture.Read(t, "graph", "callrecord-get-expand-sessions-v1-2021.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Records[0]
	se := r.Sessions[0]
	if got := r.Names().Name(&se.Caller); got != "Abbie Wilkins" {
		t.Errorf("caller %q", got)
	}
	if se.Callee.Feedback == nil || se.Callee.Feedback.Rating != "poor" {
		t.Errorf("callee feedback %+v", se.Callee.Feedback)
	}
	m := se.Segments[0].Media[0]
	if m.CallerNetwork == nil || m.CallerNetwork.IPAddress != "10.150.0.2" || m.CallerNetwork.LinkSpeed.V != 54000000 {
		t.Errorf("caller network %+v", m.CallerNetwork)
	}
	if m.CallerDevice == nil || !m.CallerDevice.ReceivedSignalLevel.OK || m.CallerDevice.ReceivedSignalLevel.V != -10 {
		t.Errorf("caller device %+v", m.CallerDevice)
	}
	if r.Sessions[0].Segments[0].Media[0].Streams[0].AverageJitter.V.Milliseconds() != 16 {
		t.Error("jitter PT0.016S must read as 16 ms")
	}
	// The raw view holds the node exactly as it was, unknown fields included.
	if !strings.Contains(string(fixture.Read(t, "graph", "callrecord-get-expand-sessions-v1-2021.json")), se.Raw) || !strings.HasPrefix(se.Raw, "{") {
		t.Errorf("session raw is not the source text: %.60s", se.Raw)
	}
}

func TestNoMetadataSampleKeepsNullsAsMissing(t *testing.T) {
	f, err := Load("x", fixture.Read(t, "graph", "m365cli-spec-callrecord-get-expand-sessions.json"))
	if err != nil {
		t.Fatal(err)
	}
	se := f.Records[0].Sessions[0]
	if se.Failure != nil {
		t.Errorf(`"failureInfo": null must be no failure, got %+v`, se.Failure)
	}
	if se.Caller.Kind != data.EndpointParticipant || se.Callee.Kind != data.EndpointService {
		t.Errorf("inferred kinds %v → %v, want participant → service", se.Caller.Kind, se.Callee.Kind)
	}
	for _, m := range se.Segments[0].Media {
		for _, st := range m.Streams {
			if st.PostFECPacketLossRate.OK || st.AverageVideoFrameRate.OK {
				t.Errorf("null metrics read as present in stream %s", st.StreamID)
			}
		}
	}
}

func TestMalformedJSONPositions(t *testing.T) {
	cases := []struct {
		doc       string
		line, col int
		early     bool
	}{
		{"{\n  \"id\": \"x\",\n  \"type\": }\n", 3, 11, false},
		{"{\"id\": \"x\" \"type\": 1}", 1, 12, false},
		{"{\n  \"id\": \"é\",\n  \"sessions\": [\n", 4, 1, true},
		{"[1,]", 1, 4, false},
	}
	for _, c := range cases {
		_, err := Load("bad.json", []byte(c.doc))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("%q: error %v is not a SyntaxError", c.doc, err)
		}
		if se.Line != c.line || se.Column != c.col {
			t.Errorf("%q: at %d:%d, want %d:%d (%v)", c.doc, se.Line, se.Column, c.line, c.col, err)
		}
		if got := strings.Contains(se.Msg, "ends early"); got != c.early {
			t.Errorf("%q: says the file ends early: %v, want %v", c.doc, got, c.early)
		}
		if !strings.HasPrefix(err.Error(), "bad.json:") {
			t.Errorf("error %q does not name the file", err)
		}
	}
	if _, err := Load("e.json", []byte("  \n")); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty file: %v", err)
	}
	if _, err := Load("n.json", []byte("42")); err == nil {
		t.Error("a bare number must be refused")
	}
	if _, err := Load("v.json", []byte(`{"value": []}`)); !errors.Is(err, ErrNotCallRecord) || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty collection: %v", err)
	}
}

func TestTruncatedPowerShellExportIsRefused(t *testing.T) {
	docs := []string{
		`{"Id":"x","Type":"groupCall","Sessions":["Microsoft.Graph.PowerShell.Models.MicrosoftGraphCallRecordsSession"]}`,
		`{"Id":"x","Sessions":[{"Id":"s","Caller":"Microsoft.Graph.PowerShell.Models.MicrosoftGraphCallRecordsEndpoint","Segments":"System.Object[]"}]}`,
		`{"Id":"x","Sessions":[{"Id":"s","Segments":[{"Media":"@{Label=main-audio}"}]}]}`,
	}
	for _, d := range docs {
		_, err := Load("ps.json", []byte(d))
		if err == nil {
			t.Fatalf("%s: loaded", d)
		}
		for _, want := range []string{"-Depth", "Invoke-MgGraphRequest -OutputType Json", "depth limit"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
	}
}

func TestNextLinkWarnings(t *testing.T) {
	doc := `{"id":"abc","sessions":[{"id":"s1"},{"id":"s2"}],"sessions@odata.nextLink":"https://graph/next",
		"participants_v2":[{"id":"p"}],"participants_v2@odata.nextLink":"https://graph/p2"}`
	r := loadOne(t, doc)
	if !anyContains(r.Warnings, "sessions are missing: the file holds 2 sessions and a link to at least one more page") ||
		!anyContains(r.Warnings, "callscope --id abc --save FILE") {
		t.Errorf("sessions warning missing: %q", r.Warnings)
	}
	if !anyContains(r.Warnings, "participants are missing") {
		t.Errorf("participants warning missing: %q", r.Warnings)
	}
	// An empty or null link is no link.
	r = loadOne(t, `{"id":"abc","sessions":[],"sessions@odata.nextLink":null}`)
	if anyContains(r.Warnings, "sessions are missing") {
		t.Errorf("null nextLink warned: %q", r.Warnings)
	}
}

func TestSessionsCollectionShapes(t *testing.T) {
	withContext := `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('e523d2ed')/sessions(segments())",
		"value":[{"id":"s","caller":{},"callee":{},"startDateTime":"2020-02-25T18:52:21Z","endDateTime":"2020-02-25T18:53:21Z"}]}`
	f, err := Load("s.json", []byte(withContext))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Records[0]
	if f.Shape != data.ShapeSessions || r.ID != "e523d2ed" || r.Duration().Seconds() != 60 {
		t.Errorf("shape %q id %q duration %v", f.Shape, r.ID, r.Duration())
	}
	// A bare array of sessions (ConvertTo-Json of a session list) is the same shape, id unknown.
	f, err = Load("s.json", []byte(`[{"Id":"s","Caller":{},"Callee":{},"Segments":[]}]`))
	if err != nil || f.Shape != data.ShapeSessions || f.Records[0].ID != "" {
		t.Fatalf("bare array: %v %+v", err, f)
	}
	if !anyContains(f.Records[0].Warnings, "the call's id, type, organizer and participants are missing") {
		t.Errorf("warnings %q", f.Records[0].Warnings)
	}
}

func TestToleratesOddInput(t *testing.T) {
	doc := `{"id":"x","id":"y","type":"somethingNew","futureProperty":{"a":1},
		"sessions":[null, {"id":"s","modalities":"audio video","caller":{"userAgent":{"role":"newRole"}},
		"segments":[{"media":[{"label":"main-audio","callerNetwork":{"connectionType":"satellite","linkSpeed":"4294967295"},
		"streams":[{"streamId":7,"packetUtilization":"900","averageJitter":null,"averagePacketLossRate":"NaN","wasMediaBypassed":"true"}]}]}]}]}`
	r := loadOne(t, doc)
	if r.ID != "y" || r.Type != "somethingNew" {
		t.Errorf("id %q type %q: later duplicate keys win, unknown enums are kept", r.ID, r.Type)
	}
	if len(r.Sessions) != 1 {
		t.Fatalf("%d sessions; a null session is skipped", len(r.Sessions))
	}
	se := r.Sessions[0]
	if strings.Join(se.Modalities, ",") != "audio,video" {
		t.Errorf("modalities %q", se.Modalities)
	}
	m := se.Segments[0].Media[0]
	if m.CallerNetwork.ConnectionType != "satellite" || m.CallerNetwork.LinkSpeed.V != 4294967295 {
		t.Errorf("network %+v", m.CallerNetwork)
	}
	st := m.Streams[0]
	if st.StreamID != "7" || st.PacketUtilization.V != 900 || st.AveragePacketLossRate.OK || !st.WasMediaBypassed.V {
		t.Errorf("stream %+v", st)
	}
	if !strings.Contains(r.Raw, "futureProperty") {
		t.Error("unknown properties must stay in the raw JSON")
	}
	if !anyContains(r.Warnings, "averagePacketLossRate: not a number") {
		t.Errorf("warnings %q", r.Warnings)
	}
}

func TestGzipAndEncodings(t *testing.T) {
	plain := fixture.Read(t, "graph", "callrecord-get-expand-sessions-v1-2021.json")
	want := reportOf(t, plain)

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	dir := t.TempDir()
	p := filepath.Join(dir, "call.json") // gzip recognised by its bytes, not its name
	if err := os.WriteFile(p, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Source(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := reportString(t, f); got != want {
		t.Errorf("gzip report differs:\n%s\nwant\n%s", got, want)
	}

	// Windows PowerShell 5.1 writes UTF-16 LE with a BOM.
	u := utf16.Encode([]rune(string(plain)))
	le := []byte{0xff, 0xfe}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
	}
	if got := reportOf(t, mustDecode(t, le)); got != want {
		t.Errorf("UTF-16 report differs")
	}
	if got := reportOf(t, mustDecode(t, append([]byte{0xef, 0xbb, 0xbf}, plain...))); got != want {
		t.Errorf("UTF-8 BOM report differs")
	}

	f, err = Source("-", bytes.NewReader(gz.Bytes()))
	if err != nil || reportString(t, f) != strings.Replace(want, "", "", 1) && f.Name != "-" {
		t.Errorf("stdin: %v", err)
	}
	if _, err := Source(filepath.Join(dir, "missing.json"), nil); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Source("-", bytes.NewReader(gz.Bytes()[:len(gz.Bytes())/2])); err == nil || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("cut gzip: %v", err)
	}
}

func mustDecode(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := Decode("x", b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func reportOf(t *testing.T, b []byte) string {
	t.Helper()
	f, err := Load("x", b)
	if err != nil {
		t.Fatal(err)
	}
	return reportString(t, f)
}

func reportString(t *testing.T, f *data.File) string {
	t.Helper()
	var out bytes.Buffer
	if err := report.Write(&out, f, report.FormatJSON); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// NoFindings leaves only the findings out: the rest of the model, every
// verdict and roll-up included, is what a plain Load gives.
func TestNoFindingsLeavesOnlyFindingsOut(t *testing.T) {
	doc := generated(t)
	full, err := Load("g.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	lean, err := Limits{NoFindings: true}.Load("g.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Records[0].Findings) == 0 || lean.Records[0].Findings != nil {
		t.Fatalf("findings: %d with them, %d without; want some, then none",
			len(full.Records[0].Findings), len(lean.Records[0].Findings))
	}
	full.Records[0].Findings = nil
	lean.Records[0].Names() // built by the findings, on first use
	if !reflect.DeepEqual(full, lean) {
		t.Error("the models differ beyond their findings")
	}
}
