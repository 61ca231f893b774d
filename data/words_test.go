package data

import "testing"

func TestWords(t *testing.T) {
	for _, c := range []struct{ property, value, want string }{
		{"wifiBand", "frequency24GHz", "2.4 GHz"},
		{"wifiBand", "frequency50GHz", "5 GHz"},
		{"wifiBand", "frequency60GHz", "6 GHz"},
		{"wifiBand", "FREQUENCY24GHZ", "2.4 GHz"},
		{"wifiBand", "unknown", "unknown"},
		{"wifiBand", "frequencyGHz", "frequency g hz"},
		{"connectionType", "wifi", "Wi-Fi"},
		{"connectionType", "wired", "wired"},
		{"connectionType", "mobile", "mobile"},
		{"connectionType", "tunnel", "tunnel"},
		{"connectionType", "satelliteLink", "satellite link"},
		{"platform", "macOS", "macOS"},
		{"platform", "ipPhone", "IP phone"},
		{"platform", "roomSystem", "room system"},
		{"role", "skypeForBusinessAudioVideoMcu", "Conference server"},
		{"identity", "applicationInstance", "resource account"},
		{"label", "main-audio", "audio"},
		{"label", "applicationsharing-video", "screen sharing"},
		{"modality", "videoBasedScreenSharing", "screen sharing"},
		{"failureStage", "callSetup", "call setup"},
		{"type", "groupCall", "group call"},
		{"platform", "evil\x1b[2Jname", "evilname"},
		{"platform", "", ""},
	} {
		if got := Words(c.property, c.value); got != c.want {
			t.Errorf("Words(%q, %q) = %q, want %q", c.property, c.value, got, c.want)
		}
	}
}
