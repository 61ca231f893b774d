package report

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/load"
)

// wordsDoc has a Graph enum wherever a report can show one.
const wordsDoc = `{"id":"w","type":"groupCall","modalities":["audio","videoBasedScreenSharing"],
 "sessions":[{"id":"s1","caller":{"associatedIdentity":{"displayName":"Alice"}},
  "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
  "failureInfo":{"stage":"midCall","reason":"MediaConnectivityErrors"},
  "segments":[{"id":"g1","media":[{"label":"main-audio","callerNetwork":{"connectionType":"wifi","ipAddress":"10.0.0.2"},"streams":[
   {"streamId":"1","streamDirection":"calleeToCaller","audioCodec":"silkWide","videoCodec":"unknown","packetUtilization":900,"averagePacketLossRate":0.152},
   {"streamId":"2","streamDirection":"callerToCallee","audioCodec":"satin","packetUtilization":67,"averageJitter":"PT0.045S"}]}]}]}]}`

// Text and markdown say Graph's enums in the explorer's words; the JSON
// report keeps Graph's values.
func TestReportsSayEnumsInWords(t *testing.T) {
	f, err := load.Load("x", []byte(wordsDoc))
	if err != nil {
		t.Fatal(err)
	}
	raw := []string{"groupCall", "videoBasedScreenSharing", "midCall", "| main-audio |", "  main-audio  "}
	for _, c := range []struct {
		format Format
		want   []string
	}{
		{FormatText, []string{
			"Type         group call (audio, screen sharing)",
			"Conference server → Alice  audio (main-audio)  audio  packet loss 15.2 % > 10 %",
			"mid-call: MediaConnectivityErrors",
		}},
		{FormatMarkdown, []string{
			"| **Type** | group call (audio, screen sharing) |",
			"| Conference server → Alice | audio (main-audio) | audio | packet loss 15.2 % > 10 % |",
			"| session | mid-call | MediaConnectivityErrors |",
		}},
	} {
		out := reportIn(t, f, c.format)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s report lacks %q:\n%s", c.format, w, out)
			}
		}
		for _, r := range raw {
			if strings.Contains(out, r) {
				t.Errorf("%s report shows Graph's %q:\n%s", c.format, r, out)
			}
		}
	}
	js := reportIn(t, f, FormatJSON)
	for _, w := range []string{`"type":"groupCall"`, `"modalities":["audio","videoBasedScreenSharing"]`, `"media":"main-audio"`,
		`"direction":"calleeToCaller"`, `"stage":"midCall"`} {
		if !strings.Contains(js, w) {
			t.Errorf("JSON report lacks Graph's %s:\n%s", w, js)
		}
	}
	for _, w := range []string{"group call", `"screen sharing"`, `"stage":"mid-call"`, "audio (main-audio)", "caller to callee"} {
		if strings.Contains(js, w) {
			t.Errorf("JSON report has the words %q:\n%s", w, js)
		}
	}
}

// A node's markdown (y m in the explorer) says codecs, directions, labels,
// connection types and failure stages in words.
func TestNodeMarkdownSaysEnumsInWords(t *testing.T) {
	f, err := load.Load("x", []byte(wordsDoc))
	if err != nil {
		t.Fatal(err)
	}
	r := f.Records[0]
	se := r.Sessions[0]
	sg := se.Segments[0]
	md := sg.Media[0]
	for _, c := range []struct {
		name, got string
		want      []string
	}{
		{"stream", NodeMarkdown(r, se, sg, md, md.Streams[0]), []string{"| **Codec** | SILK wideband |", "| **Media** | audio (main-audio) |"}},
		{"stream 2", NodeMarkdown(r, se, sg, md, md.Streams[1]), []string{"| **Codec** | SATIN |", "only 67 packets: too few to judge (CQD needs > 500)"}},
		{"media", NodeMarkdown(r, se, sg, md, nil), []string{"### Media audio (main-audio) in the session of", "| **Alice network** | Wi-Fi, 10.0.0.2 |",
			"- stream 1 (callee to caller, audio): **poor**", "- stream 2 (caller to callee, audio): **unclassified** — only 67 packets: too few to judge"}},
		{"session", NodeMarkdown(r, se, nil, nil, nil), []string{"| **Failed** | mid-call: MediaConnectivityErrors |"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.got, w) {
				t.Errorf("%s markdown lacks %q:\n%s", c.name, w, c.got)
			}
		}
		for _, raw := range []string{"silkWide", "satin", "unknown", "calleeToCaller", "callerToCallee", "wifi", "midCall", "main-audio |"} {
			if strings.Contains(c.got, raw) {
				t.Errorf("%s markdown shows Graph's %q:\n%s", c.name, raw, c.got)
			}
		}
	}
}
