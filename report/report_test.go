package report

import (
	"bytes"
	"encoding/json"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"strings"
	"testing"
)

func TestJSONReportKeys(t *testing.T) {
	f, err := load.Load("x", fixture.Read(t, "graph", "m365cli-spec-callrecord-get-expand-sessions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Write(&out, f, FormatJSON); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want one object per record", len(lines))
	}
	wantKeys := []string{"id", "version", "type", "modalities", "startDateTime", "endDateTime", "durationSeconds",
		"organizer", "counts", "verdicts", "streams", "failures", "findings", "warnings", "pstn", "pstnStatus", "pstnNote", "callscope"}
	if got := topKeys(t, lines[0]); strings.Join(got, ",") != strings.Join(wantKeys, ",") {
		t.Errorf("keys %v\nwant %v", got, wantKeys)
	}
	var rep struct {
		ID              string
		Version         int
		DurationSeconds float64
		Organizer       string
		Counts          map[string]int
		Verdicts        map[string]int
		Streams         []map[string]any
	}
	if err := json.Unmarshal([]byte(lines[0]), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.ID != "e523d2ed-2966-4b6b-925b-754a88034cc5" || rep.Version != 1 || rep.Organizer != "John Doe" {
		t.Errorf("header %+v", rep)
	}
	if rep.DurationSeconds < 293 || rep.DurationSeconds > 294 {
		t.Errorf("durationSeconds %v", rep.DurationSeconds)
	}
	wantCounts := map[string]int{"participants": 1, "sessions": 1, "segments": 1, "media": 2, "streams": 4, "traceRouteHops": 0}
	for k, v := range wantCounts {
		if rep.Counts[k] != v {
			t.Errorf("counts.%s = %d, want %d", k, rep.Counts[k], v)
		}
	}
	if sum := rep.Verdicts["good"] + rep.Verdicts["poor"] + rep.Verdicts["unclassified"]; sum != rep.Counts["streams"] || len(rep.Streams) != sum {
		t.Errorf("verdicts %v sum to %d, streams %d listed %d", rep.Verdicts, sum, rep.Counts["streams"], len(rep.Streams))
	}
	wantStreamKeys := "session,segment,media,streamId,direction,kind,verdict,reasons,caller,callee,path,participant"
	if got := strings.Join(objectKeys(t, lines[0], "streams"), ","); got != wantStreamKeys {
		t.Errorf("stream keys %s, want %s", got, wantStreamKeys)
	}
	if rep.Streams[0]["kind"] != "data" || rep.Streams[0]["verdict"] != "unclassified" || rep.Streams[0]["caller"] != "John Doe" {
		t.Errorf("first stream %v", rep.Streams[0])
	}
}

func TestJSONReportMissingValuesAreNull(t *testing.T) {
	var out bytes.Buffer
	f, err := load.Load("x", []byte(`{"sessions":[{"id":"s"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	Write(&out, f, FormatJSON)
	for _, want := range []string{`{"id":null,`, `"type":null`, `"organizer":null`, `"version":null`, `"startDateTime":null`, `"durationSeconds":null`, `"streams":[]`, `"failures":[]`, `"modalities":[]`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s lacks %s", out.String(), want)
		}
	}
}

func TestTextAndMarkdownReports(t *testing.T) {
	doc := `{"id":"abc","type":"groupCall","modalities":["audio"],"version":2,
	 "startDateTime":"2026-11-02T09:00:00Z","endDateTime":"2026-11-02T09:35:10Z",
	 "organizer_v2":{"id":"o","identity":{"user":{"displayName":"Alice | Okafor"}}},
	 "sessions":[{"id":"s1","caller":{"associatedIdentity":{"displayName":"Alice | Okafor"}},
	  "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	  "segments":[{"id":"g1","media":[{"label":"main-audio","streams":[
	   {"streamDirection":"calleeToCaller","packetUtilization":900,"averagePacketLossRate":0.152,"averageJitter":"PT0.045S"},
	   {"streamDirection":"callerToCallee","packetUtilization":900,"averagePacketLossRate":0.01}]}]}]},
	 {"id":"s2","caller":{"identity":{"guest":{"displayName":"Chiara Rossi"}}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	  "failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"}}]}`
	f, err := load.Load("x", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var text, md bytes.Buffer
	Write(&text, f, FormatText)
	Write(&md, f, FormatMarkdown)
	for _, want := range []string{
		"Duration     35m 10s",
		"Streams      1 good, 1 poor, 0 unclassified; 1 failure",
		"Conference server → Alice | Okafor  audio (main-audio)  audio  packet loss 15.2 % > 10 %; jitter 45 ms > 30 ms",
		"Chiara Rossi  session  call setup: MediaConnectivityErrors",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	for _, want := range []string{
		"### Teams call abc",
		"| **Organizer** | Alice \\| Okafor |",
		"| Conference server → Alice \\| Okafor | audio (main-audio) | audio | packet loss 15.2 % > 10 %; jitter 45 ms > 30 ms |",
		"| Chiara Rossi | session | call setup | MediaConnectivityErrors |",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown report lacks %q:\n%s", want, md.String())
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"text": FormatText, "": FormatText, "md": FormatMarkdown, "Markdown": FormatMarkdown, "json": FormatJSON} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}

// topKeys lists an object's keys in order.
func topKeys(t *testing.T, doc string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	var keys []string
	depth := 0
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
			expectKey = depth == 1 && v == '{' || (depth == 1 && (v == '}' || v == ']'))
			continue
		case string:
			if depth == 1 && expectKey {
				keys = append(keys, v)
				expectKey = false
				continue
			}
		}
		if depth == 1 {
			expectKey = true
		}
	}
	return keys
}

// objectKeys lists the keys of the first element of array field.
func objectKeys(t *testing.T, doc, field string) []string {
	t.Helper()
	var m map[string]json.RawMessage
	var elems []json.RawMessage
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(m[field], &elems); err != nil || len(elems) == 0 {
		t.Fatalf("no %s: %v", field, err)
	}
	return topKeys(t, string(elems[0]))
}

// Every report says which callscope wrote it: the last line of text and
// markdown, callscope.version in each JSON line (issue 13).
func TestReportsSayTheirVersion(t *testing.T) {
	defer func(v string) { Version = v }(Version)
	Version = "v9.8.7-test+dirty"
	f, err := load.Load("x", fixture.Read(t, "graph", "m365cli-spec-callrecord-get-expand-sessions.json"))
	if err != nil {
		t.Fatal(err)
	}
	for format, want := range map[Format]string{
		FormatText:     "\ncallscope v9.8.7-test+dirty\n",
		FormatMarkdown: "\n_callscope v9.8.7-test+dirty_\n",
	} {
		var out bytes.Buffer
		if err := Write(&out, f, format); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(out.String(), want) {
			t.Errorf("%s report ends %q, want %q", format, out.String()[max(0, out.Len()-60):], want)
		}
	}
	var out bytes.Buffer
	if err := Write(&out, f, FormatJSON); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Callscope struct{ Version string }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil || rep.Callscope.Version != Version {
		t.Errorf("JSON report's callscope.version %q (%v), want %q", rep.Callscope.Version, err, Version)
	}
}
