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
		{"type", "peerToPeer", "peer to peer"},
		{"audioCodec", "satin", "SATIN"},
		{"audioCodec", "silkWide", "SILK wideband"},
		{"audioCodec", "SILK", "SILK"},
		{"audioCodec", "g722", "G.722"},
		{"audioCodec", "g7221c", "G.722.1C"},
		{"audioCodec", "opus", "Opus"},
		{"audioCodec", "pcmu", "G.711 μ-law"},
		{"audioCodec", "rtAudio16", "RTAudio wideband"},
		{"audioCodec", "unknownFutureValue", "unknown"},
		{"audioCodec", "newCodec", "new codec"},
		{"videoCodec", "h264", "H.264"},
		{"videoCodec", "h264s", "H.264S (screen sharing)"},
		{"videoCodec", "av1", "AV1"},
		{"videoCodec", "rtVideo", "RTVideo"},
		{"callType", "ByotIn", "inbound"},
		{"callType", "user_in", "inbound"},
		{"callType", "dr_in", "inbound"},
		{"callType", "ByotOut", "outbound"},
		{"callType", "dr_out_user_transfer", "outbound, transferred"},
		{"callType", "user_out_forwarding", "outbound, forwarded"},
		{"callType", "dr_out_user_conf", "outbound, added to a call"},
		{"callType", "user_out_conf", "outbound, added to a call"},
		{"callType", "conf_in", "inbound to an audio conference"},
		{"callType", "conf_out", "outbound from an audio conference"},
		{"callType", "ucap_in", "inbound to an auto attendant or call queue"},
		{"callType", "dr_in_ucap", "inbound to an auto attendant or call queue"},
		{"callType", "dr_out_ucap", "outbound from an auto attendant or call queue"},
		{"callType", "dr_emergency_out", "outbound emergency call"},
		{"callType", "dr_out_bot", "dr out bot"},
		{"callType", "ByotSideways", "byot sideways"},
		{"callType", "in\x1b[2J_evil", "in evil"},
		{"platform", "evil\x1b[2Jname", "evilname"},
		{"platform", "", ""},
	} {
		if got := Words(c.property, c.value); got != c.want {
			t.Errorf("Words(%q, %q) = %q, want %q", c.property, c.value, got, c.want)
		}
	}
}

func TestLabelModalityAndCodecWords(t *testing.T) {
	for label, want := range map[string]string{"main-audio": "audio (main-audio)", "applicationsharing-video": "screen sharing (applicationsharing-video)",
		"data": "data", "": "", "custom\x1b[2J-label": "custom-label"} {
		if got := LabelWords(label); got != want {
			t.Errorf("LabelWords(%q) = %q, want %q", label, got, want)
		}
	}
	if got := ModalityWords([]string{"audio", "videoBasedScreenSharing", "screenSharing"}); got != "audio, screen sharing, screen sharing" {
		t.Errorf("ModalityWords = %q", got)
	}
	for _, c := range []struct{ audio, video, want string }{
		{"satin", "unknown", "SATIN"}, {"unknown", "h264s", "H.264S (screen sharing)"}, {"opus", "h264", "Opus, H.264"},
		{"", "", ""}, {"unknownFutureValue", "unknown", ""},
	} {
		if got := (&Stream{AudioCodec: c.audio, VideoCodec: c.video}).CodecWords(); got != c.want {
			t.Errorf("CodecWords(%q, %q) = %q, want %q", c.audio, c.video, got, c.want)
		}
	}
}
