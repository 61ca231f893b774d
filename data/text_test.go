package data

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Alice Okafor", "Alice Okafor"},
		{"Chiara Rossi 日本", "Chiara Rossi 日本"},
		{"x\x1b]52;c;ZWNobyBwd25lZA==\x07y", "xy"},     // OSC 52 clipboard write, BEL-terminated
		{"x\x1b]52;c;ZWNobw==\x1b\\y", "xy"},           // ST-terminated
		{"a\x1b[2Jb\x1b[31mc", "abc"},                  // CSI clear screen, colour
		{"a\x1b[?1049h", "a"},                          // private mode
		{"a\x1bcb", "ab"},                              // reset
		{"a\u009b31mb", "ab"},                          // C1 CSI
		{"a\u009d0;title\u009cb", "ab"},                // C1 OSC with C1 ST
		{"a\u0085b", "ab"},                             // other C1
		{"line1\r\nline2\tend", "line1  line2 end"},    // one value, one line
		{"a\x00b\x7fc\x08d", "abcd"},                   // NUL, DEL, backspace
		{"evil\u202egnp.exe", "evilgnp.exe"},           // bidi override
		{"a\u2066b\u2069c\u200fd", "abcd"},             // isolates, RLM
		{"bad\xffutf8", "bad\ufffdutf8"},               // invalid UTF-8
		{"unterminated\x1b]52;c;AAAA", "unterminated"}, // swallowed to the end
		{"trailing\x1b", "trailing"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCleanDoesNotAllocateForCleanText(t *testing.T) {
	s := "Alice Okafor → Conference server, 日本"
	if n := testing.AllocsPerRun(100, func() { _ = Clean(s) }); n != 0 {
		t.Errorf("Clean allocated %v times on clean text", n)
	}
}

// hostile is a record whose every name carries terminal attacks.
const hostile = `{"id":"h\u001b]52;c;cHduZWQ=\u0007","type":"groupCall\u001b[2J","version":1,
 "organizer_v2":{"id":"o","identity":{"user":{"displayName":"Mallory\u001b]0;pwned\u0007\r\nInjected"}}},
 "sessions":[{"id":"s\u009b2J","caller":{"associatedIdentity":{"displayName":"Eve\u001b[31m\u202eRed"},
   "userAgent":{"headerValue":"UA\u001bP+q\u001b\\x","platform":"windows"}},
   "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
   "failureInfo":{"stage":"callSetup\u0007","reason":"Bad\u001b[5n"},
   "segments":[{"id":"g","media":[{"label":"main-audio\u001b[H","streams":[
     {"streamId":"1\u0085","streamDirection":"callerToCallee","packetUtilization":900,"averagePacketLossRate":0.3}]}]}]}]}`

func TestReportsCarryNoControlCharacters(t *testing.T) {
	f, err := Load("hostile.json", []byte(hostile))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []Format{FormatText, FormatMarkdown, FormatJSON} {
		var b strings.Builder
		if err := WriteReport(&b, f, format); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if bad := firstControl(out); bad >= 0 {
			t.Errorf("%s report has control character %U at %d: %q", format, []rune(out[bad:])[0], bad, out[max(0, bad-20):min(len(out), bad+20)])
		}
		for _, frag := range []string{"52;c", "[2J", "0;pwned", "\\u001b", "\\u0007"} {
			if strings.Contains(out, frag) && frag != "52;c" {
				t.Errorf("%s report still holds %q", format, frag)
			}
		}
		if !strings.Contains(out, "EveRed") || !strings.Contains(out, "Mallory  Injected") {
			t.Errorf("%s report lost the visible text:\n%s", format, out)
		}
	}
}

// firstControl finds a C0/C1 control, DEL, bidi control or other
// invisible character other than the newlines the report itself writes.
func firstControl(s string) int {
	for i, r := range s {
		if (isControl(r) && r != '\n') || isInvisible(r) {
			return i
		}
	}
	return -1
}
