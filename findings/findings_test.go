package findings_test

import (
	"fmt"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/internal/fixture"
	"strings"
	"testing"
)

func findingsOf(t *testing.T, doc string) []string {
	t.Helper()
	r := loadOne(t, doc)
	var out []string
	for _, f := range r.Findings {
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
			got := findingsOf(t, fixture.OneSession(device, network, stream))
			switch {
			case sd.want == "" && len(got) != 0:
				t.Errorf("%s = %s (not past the limit): findings %q, want none", c.metric, sd.value, got)
			case sd.want != "" && (len(got) != 1 || got[0] != sd.want):
				t.Errorf("%s = %s: findings %q, want %q", c.metric, sd.value, got, sd.want)
			}
		}
	}
	for _, r := range findings.Rules {
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

func TestWifiSignalOnlyOnWifi(t *testing.T) {
	if got := findingsOf(t, fixture.OneSession("null", `{"connectionType":"wired","wifiSignalStrength":0}`, "")); len(got) != 0 {
		t.Errorf("a wired network gave %q", got)
	}
}
