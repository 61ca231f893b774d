package data

import (
	"fmt"
	"github.com/callscope/callscope/text"
	"strings"
	"testing"
)

// oneSession is a record with one session between Alice and the conference
// server, whose media carries the given caller device, network and streams.
func oneSession(device, network, streams string) string {
	return `{"id":"c","sessions":[{"id":"s1",
	 "caller":{"associatedIdentity":{"id":"a","displayName":"Alice"},"userAgent":{"platform":"windows"}},
	 "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "segments":[{"id":"g1","media":[{"label":"main-audio","callerDevice":` + device + `,"callerNetwork":` + network + `,"streams":[` + streams + `]}]}]}]}`
}

func findingsOf(t *testing.T, doc string) []string {
	t.Helper()
	r := loadOne(t, doc)
	var out []string
	for _, f := range r.Findings() {
		out = append(out, f.Severity.String()+" "+f.String())
	}
	return out
}

func TestEveryFindingRuleOnBothSidesOfItsLimit(t *testing.T) {
	type side struct{ value, want string } // want "" means no finding
	// below is at the limit where the rule says over (>), just under it
	// where the rule says at least (≥).
	cases := []struct {
		metric      string
		where       string // device, network or stream
		below, over side
	}{
		// Call Analytics' device rule: at the limit counts.
		{"captureNotFunctioningEventRatio", "device", side{"0.0049", ""}, side{"0.005", "problem Alice: microphone not working 0.5 % of the call"}},
		{"renderNotFunctioningEventRatio", "device", side{"0.0049", ""}, side{"0.005", "problem Alice: speaker not working 0.5 % of the call"}},
		{"cpuInsufficentEventRatio", "device", side{"0.05", ""}, side{"0.12", "warning Alice: CPU too busy 12 % of the call"}},
		{"deviceClippingEventRatio", "device", side{"0.05", ""}, side{"0.07", "warning Alice: microphone clipping 7 % of the call"}},
		{"deviceGlitchEventRatio", "device", side{"0.05", ""}, side{"0.09", "warning Alice: audio device glitches 9 % of the call"}},
		{"lowSpeechLevelEventRatio", "device", side{"0.05", ""}, side{"0.3", "warning Alice: speaking too quietly 30 % of the call"}},
		{"lowSpeechToNoiseEventRatio", "device", side{"0.05", ""}, side{"0.07", "warning Alice: background noise over speech 7 % of the call"}},
		{"renderMuteEventRatio", "device", side{"0.05", ""}, side{"0.86", "info Alice: speaker muted 86 % of the call"}},
		{"renderZeroVolumeEventRatio", "device", side{"0.05", ""}, side{"0.2", "info Alice: speaker volume at zero 20 % of the call"}},
		{"micGlitchRate", "device", side{"10", ""}, side{"14.5", "warning Alice: microphone glitches 14.5 per 5 min"}},
		{"speakerGlitchRate", "device", side{"10", ""}, side{"22.8", "warning Alice: speaker glitches 22.8 per 5 min"}},
		{"howlingEventCount", "device", side{"0", ""}, side{"3", "warning Alice: howling (echo loop) events: 3"}},
		{"receivedQualityEventRatio", "network", side{"0.05", ""}, side{"0.21", "problem Alice: network caused poor received audio 21 % of the call"}},
		{"sentQualityEventRatio", "network", side{"0.05", ""}, side{"0.06", "problem Alice: network caused poor sent audio 6 % of the call"}},
		{"delayEventRatio", "network", side{"0.05", ""}, side{"0.08", "warning Alice: network delay 8 % of the call"}},
		{"bandwidthLowEventRatio", "network", side{"0.05", ""}, side{"0.5", "warning Alice: low bandwidth 50 % of the call"}},
		{"wifiSignalStrength", "network", side{"50", ""}, side{"38", "warning Alice: Wi-Fi signal 38 % on 2.4 GHz"}},
		{"averageRoundTripTime", "stream", side{`"PT0.1S"`, ""}, side{`"PT0.12S"`, "warning Alice: round trip 120 ms on sent audio (target < 100 ms)"}},
		{"averagePacketLossRate", "stream", side{"0.01", ""}, side{"0.046", "warning Alice: packet loss 4.6 % on sent audio (target < 1 %)"}},
		{"averageJitter", "stream", side{`"PT0.03S"`, ""}, side{`"PT0.041S"`, "problem Alice: jitter 41 ms on sent audio (target < 30 ms)"}}, // the target is CQD's limit too: poor
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.metric] = true
		for _, sd := range []side{c.below, c.over} {
			device, network, stream := "null", "null", ""
			field := fmt.Sprintf(`{%q:%s}`, c.metric, sd.value)
			switch c.where {
			case "device":
				device = field
			case "network":
				network = fmt.Sprintf(`{%q:%s,"connectionType":"wifi","wifiBand":"frequency24GHz"}`, c.metric, sd.value)
			default:
				stream = fmt.Sprintf(`{"streamDirection":"callerToCallee","packetUtilization":900,%q:%s}`, c.metric, sd.value)
			}
			got := findingsOf(t, oneSession(device, network, stream))
			switch {
			case sd.want == "" && len(got) != 0:
				t.Errorf("%s = %s (not past the limit): findings %q, want none", c.metric, sd.value, got)
			case sd.want != "" && (len(got) != 1 || got[0] != sd.want):
				t.Errorf("%s = %s: findings %q, want %q", c.metric, sd.value, got, sd.want)
			}
		}
	}
	for _, r := range FindingRules {
		if !seen[r.Metric] {
			t.Errorf("rule %s has no test", r.Metric)
		}
	}
}

func TestFailureFeedbackAndPoorVideoFindings(t *testing.T) {
	doc := `{"id":"c","sessions":[{"id":"s1",
	 "caller":{"associatedIdentity":{"displayName":"Chiara"},"feedback":{"rating":"poor","text":"Others said I was breaking up"}},
	 "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"},
	 "segments":[{"id":"g1","failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"},
	  "media":[{"label":"main-video","streams":[{"streamDirection":"calleeToCaller","averageVideoFrameLossPercentage":63.5}]}]}]},
	 {"id":"s2","caller":{"associatedIdentity":{"displayName":"Bob"},"feedback":{"rating":"notRated"}},
	  "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}}},
	 {"id":"s3","caller":{"userAgent":{"role":"mediationServer"}},"callee":{"userAgent":{"role":"gateway"}},
	  "segments":[{"media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averageRoundTripTime":"PT0.62S"}]}]}]}]}`
	want := []string{
		"problem Chiara: failed at call setup (MediaConnectivityErrors)", // once, though the segment repeats it
		"problem Chiara: feedback: poor — 'Others said I was breaking up'",
		"problem Chiara: poor received video: video frame loss 63.5 % > 50 %",
		// No number and no SBC: the record names neither (see TestPSTNLegNames).
		"problem PSTN leg: round trip 620 ms on audio sent by Mediation server (target < 100 ms)",
	}
	if got := findingsOf(t, doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFindingsInReports(t *testing.T) {
	f, err := Load("x", []byte(oneSession(`{"micGlitchRate":14.5}`, "null", "")))
	if err != nil {
		t.Fatal(err)
	}
	text, md, js := reportIn(t, f, FormatText), reportIn(t, f, FormatMarkdown), reportIn(t, f, FormatJSON)
	if !strings.Contains(text, "Findings (1)\n  warning  Alice: microphone glitches 14.5 per 5 min") {
		t.Errorf("text:\n%s", text)
	}
	if !strings.Contains(md, "- **warning** Alice: microphone glitches 14.5 per 5 min") {
		t.Errorf("markdown:\n%s", md)
	}
	if !strings.Contains(js, `"findings":[{"session":"s1","who":"Alice","text":"microphone glitches 14.5 per 5 min","severity":"warning"}]`) {
		t.Errorf("json:\n%s", js)
	}
}

func TestPeopleForEverySampleShape(t *testing.T) {
	cases := []struct {
		file     string
		names    []string
		kinds    []string
		sessions []int
	}{
		// participants_v2 with sessions matched by id.
		{"callrecord-get-expand-participants_v2-v1.json", nil, nil, nil},
		// deprecated participants, sessions matched by id.
		{"callrecord-get-expand-sessions-v1-2021.json", []string{"Abbie Wilkins", "Owen Franklin"}, []string{"user", "user"}, []int{1, 1}},
		// no participant list: the distinct participant endpoints.
		{"session-list-expand-segments-v1.json", []string{"Abbie Wilkins", "Owen Franklin"}, []string{"user", "user"}, []int{1, 1}},
		// participants_v2 and a session whose callee is a service.
		{"m365cli-spec-callrecord-get-expand-sessions.json", []string{"John Doe"}, []string{"user"}, []int{1}},
		// a list response: people without sessions.
		{"callrecords-list-v1.json", nil, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			f, err := Load(c.file, readSample(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			people := f.Records[0].People()
			if c.names == nil {
				if n := f.Records[0].ParticipantCount(); len(people) != n {
					t.Errorf("%d people, %d participants", len(people), n)
				}
				return
			}
			var names, kinds []string
			var sessions []int
			for _, p := range people {
				names, kinds, sessions = append(names, p.Name), append(kinds, p.Kind), append(sessions, len(p.Sessions))
			}
			if fmt.Sprint(names, kinds, sessions) != fmt.Sprint(c.names, c.kinds, c.sessions) {
				t.Errorf("people %v %v %v, want %v %v %v", names, kinds, sessions, c.names, c.kinds, c.sessions)
			}
		})
	}
}

func TestPeopleOfTheDemo(t *testing.T) {
	f, err := Load("demo", demoBytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range f.Records[0].People() {
		got = append(got, fmt.Sprintf("%s|%s|%d|%s|%s|%s", p.Name, p.Kind, len(p.Sessions), p.Quality.Worst(),
			strings.Join(p.Platforms, ","), strings.Join(p.Connections, ",")))
	}
	want := []string{
		"Alice Okafor|user|1|poor|windows|wifi",
		"Bob Lindqvist|user|1|poor|macOS|wired",
		"Dev Patel|user|1|poor|windows|wired",
		"Chiara Rossi (Guest)|guest|1|unclassified|iOS|mobile",
		"Eva Nowak|user|1|good|web|satellite",
		"+14255550123|phone|1|poor||", // the segments are between services: no network of theirs
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("people:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWifiSignalOnlyOnWifi(t *testing.T) {
	if got := findingsOf(t, oneSession("null", `{"connectionType":"wired","wifiSignalStrength":0}`, "")); len(got) != 0 {
		t.Errorf("a wired network gave %q", got)
	}
}

func TestFindingsAreSortedBySeverityKeepingTheirOrder(t *testing.T) {
	in := []Finding{{Text: "i1"}, {Text: "w1", Severity: Warning}, {Text: "p1", Severity: Problem},
		{Text: "i2"}, {Text: "p2", Severity: Problem}, {Text: "w2", Severity: Warning}}
	var got []string
	for _, f := range sortFindings(in) {
		got = append(got, f.Text)
	}
	if want := "p1 p2 w1 w2 i1 i2"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
	sorted := []Finding{{Text: "p", Severity: Problem}, {Text: "i"}}
	if out := sortFindings(sorted); &out[0] != &sorted[0] {
		t.Error("an already sorted list is copied")
	}
}

func TestJSONStringsAreCleanAndEscaped(t *testing.T) {
	for in, want := range map[string]string{
		"plain ascii name":      `"plain ascii name"`,
		`quote " and \ slash`:   `"quote \" and \\ slash"`,
		"tab\tand\x1b]52;c;x\a": `"tab and"`,
		"Zoë — naïve":           `"Zoë — naïve"`,
		"":                      `""`,
	} {
		if got := string(text.AppendJSON(nil, in)); got != want {
			t.Errorf("%q → %s, want %s", in, got, want)
		}
	}
}
