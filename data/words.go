package data

// Graph enum values in the words people read.

import (
	"strconv"
	"strings"

	"github.com/callscope/callscope/text"
)

// enumWords are the values whose words are not their split camel case,
// by Graph property and lower-cased value.
var enumWords = map[string]map[string]string{
	"connectionType": {
		"wired": "wired", "wifi": "Wi-Fi", "mobile": "mobile", "tunnel": "tunnel",
		"unknown": "unknown", "unknownfuturevalue": "unknown",
	},
	"platform": {
		"windows": "Windows", "macos": "macOS", "ios": "iOS", "android": "Android", "web": "web",
		"ipphone": "IP phone", "roomsystem": "room system", "surfacehub": "Surface Hub",
		"hololens": "HoloLens", "unknown": "unknown", "unknownfuturevalue": "unknown",
	},
	"productFamily": {
		"teams": "Teams", "skypeforbusiness": "Skype for Business", "lync": "Lync",
		"azurecommunicationservices": "Azure Communication Services", "teamsforlife": "Teams (free)",
		"unknown": "unknown", "unknownfuturevalue": "unknown",
	},
	"wifiBand": {"unknown": "unknown", "unknownfuturevalue": "unknown"},
	"wifiRadioType": {
		"wifi80211a": "802.11a", "wifi80211b": "802.11b", "wifi80211g": "802.11g", "wifi80211n": "802.11n (Wi-Fi 4)",
		"wifi80211ac": "802.11ac (Wi-Fi 5)", "wifi80211ax": "802.11ax (Wi-Fi 6)",
		"unknown": "unknown", "unknownfuturevalue": "unknown",
	},
	"label": {
		"main-audio": "audio", "main-video": "video", "applicationsharing-video": "screen sharing",
		"applicationsharing": "app sharing", "data": "data",
	},
	"modality": {
		"audio": "audio", "video": "video", "videobasedscreensharing": "screen sharing",
		"data": "data", "screensharing": "screen sharing", "unknownfuturevalue": "unknown",
	},
	"failureStage": {"callsetup": "call setup", "midcall": "mid-call", "unknownfuturevalue": "unknown"},
	"type":         {"groupcall": "group call", "peertopeer": "peer to peer", "unknownfuturevalue": "unknown"},
}

// Words is a Graph enum value in words, by the property that holds it:
// Words("wifiBand", "frequency24GHz") is "2.4 GHz", Words("connectionType",
// "wifi") "Wi-Fi", Words("role", "skypeForBusinessAudioVideoMcu")
// "Conference server", Words("platform", "macOS") "macOS", Words("label",
// "main-audio") "audio". A value it does not know is split into words
// ("roomSystem" → "room system"); the result is clean for display; ""
// stays "".
func Words(property, value string) string {
	if value == "" {
		return ""
	}
	if property == "role" {
		return RoleWords(value)
	}
	if property == "identity" {
		return IdentityKindWords(value)
	}
	folded := strings.ToLower(value)
	if w, ok := enumWords[property][folded]; ok {
		return w
	}
	if property == "wifiBand" {
		if w := bandWords(folded); w != "" {
			return w
		}
	}
	return text.SplitCamel(value)
}

// bandWords reads "frequency24ghz" as 2.4 GHz: Graph writes the band in
// tenths of a gigahertz (frequency24GHz, frequency50GHz, frequency60GHz).
func bandWords(folded string) string {
	digits, ok := strings.CutPrefix(folded, "frequency")
	digits, ok2 := strings.CutSuffix(digits, "ghz")
	if !ok || !ok2 || digits == "" || len(digits) > 4 {
		return ""
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n <= 0 {
		return ""
	}
	return text.TrimFloat(float64(n)/10, 1) + " GHz"
}
