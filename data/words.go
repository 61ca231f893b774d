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
	// Graph's audioCodec and videoCodec members, as Microsoft spells the
	// codecs. g711 is no member, yet exports hold it.
	"audioCodec": {
		"unknown": "unknown", "invalid": "invalid", "cn": "CN (comfort noise)",
		"pcma": "G.711 A-law", "pcmu": "G.711 μ-law", "g711": "G.711", "amrwide": "AMR-WB",
		"g722": "G.722", "g7221": "G.722.1", "g7221c": "G.722.1C", "g729": "G.729",
		"multichannelaudio": "multichannel audio", "muchv2": "MUCHv2", "opus": "Opus",
		"satin": "SATIN", "satinfullband": "SATIN fullband",
		"rtaudio8": "RTAudio narrowband", "rtaudio16": "RTAudio wideband",
		"silk": "SILK", "silknarrow": "SILK narrowband", "silkwide": "SILK wideband",
		"siren": "Siren", "xmsrta": "RTAudio (x-msrta)", "unknownfuturevalue": "unknown",
	},
	"videoCodec": {
		"unknown": "unknown", "invalid": "invalid", "av1": "AV1", "h263": "H.263", "h264": "H.264",
		"h264s": "H.264S (screen sharing)", "h264uc": "H.264 UC", "h265": "H.265",
		"rtvc1": "RTVC1", "rtvideo": "RTVideo", "xrtvc1": "X-RTVC1", "unknownfuturevalue": "unknown",
	},
}

// callTypes are the PSTN and Direct Routing logs' callType in words, by the
// lower-cased value without "_", the log's prefix (dr, byot) or "user":
// Graph writes ByotIn and user_in, the admin center dr_in and user_in,
// Microsoft's PSTN usage report documents the rest.
var callTypes = map[string]string{
	"in": "inbound", "out": "outbound",
	"outconf":       "outbound, added to a call",
	"outtransfer":   "outbound, transferred",
	"outforwarding": "outbound, forwarded",
	"confin":        "inbound to an audio conference",
	"confout":       "outbound from an audio conference",
	"ucapin":        "inbound to an auto attendant or call queue",
	"inucap":        "inbound to an auto attendant or call queue",
	"ucapout":       "outbound from an auto attendant or call queue",
	"outucap":       "outbound from an auto attendant or call queue",
	"emergencyout":  "outbound emergency call",
	"outemergency":  "outbound emergency call",
}

// Words is a Graph enum value in words, by the property that holds it:
// Words("wifiBand", "frequency24GHz") is "2.4 GHz", Words("connectionType",
// "wifi") "Wi-Fi", Words("role", "skypeForBusinessAudioVideoMcu")
// "Conference server", Words("platform", "macOS") "macOS", Words("label",
// "main-audio") "audio", Words("audioCodec", "satin") "SATIN",
// Words("callType", "ByotIn") "inbound". A value it does not know is split
// into words ("roomSystem" → "room system"); the result is clean for
// display; "" stays "". Text and markdown reports and the explorer say
// enums through it; the JSON report keeps Graph's values.
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
	if property == "callType" {
		return callTypeWords(value)
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

// LabelWords is a media label in words with the label as the record has
// it when they differ, cleaned: "audio (main-audio)"; "" stays "".
func LabelWords(label string) string {
	w := Words("label", label)
	if raw := text.Clean(label); raw != "" && !strings.EqualFold(raw, w) {
		w += " (" + raw + ")"
	}
	return w
}

// ModalityWords are a list of modalities in words, cleaned: "audio,
// video, screen sharing".
func ModalityWords(ms []string) string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = Words("modality", m)
	}
	return strings.Join(out, ", ")
}

// CodecWords are the stream's codecs that say something, in words,
// cleaned: "SATIN", "H.264"; "" when both are missing or unknown.
func (s *Stream) CodecWords() string {
	var out []string
	for _, c := range [...]struct{ property, value string }{{"audioCodec", s.AudioCodec}, {"videoCodec", s.VideoCodec}} {
		if w := Words(c.property, c.value); w != "" && w != "unknown" {
			out = append(out, w)
		}
	}
	return strings.Join(out, ", ")
}

// callTypeWords says a PSTN or Direct Routing log's callType (see
// callTypes); a value it does not know is split into words
// ("dr_out_bot" → "dr out bot").
func callTypeWords(value string) string {
	key := strings.ReplaceAll(strings.ToLower(value), "_", "")
	if k, ok := strings.CutPrefix(key, "byot"); ok {
		key = k
	} else if k, ok := strings.CutPrefix(key, "dr"); ok {
		key = k
	}
	if w, ok := callTypes[strings.ReplaceAll(key, "user", "")]; ok {
		return w
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(text.SplitCamel(value), "_", " ")), " ")
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
