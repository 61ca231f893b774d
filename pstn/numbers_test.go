package pstn

import "testing"

func TestNormNumber(t *testing.T) {
	for in, want := range map[string]string{
		"+14255550142":                       "+14255550142",
		"tel:+1 (425) 555-0142;ext=12":       "+14255550142",
		"sip:+14255550142@sbc1.contoso.com":  "+14255550142",
		"SIP:+14255550142;user=phone":        "+14255550142",
		"0044 20 7946 0000":                  "+442079460000",
		"+12345678***":                       "+12345678***",
		"+1001":                              "+1001",
		"Internal Revenue Service":           "",
		"anonymous":                          "",
		"":                                   "",
		"+1":                                 "",
		"+1-425-555-0142 ":                   "+14255550142",
		"+1425+5550142":                      "",
		"\x1b]52;c;aGVsbG8=\x07+14255550142": "",
	} {
		if got := normNumber(in); got != want {
			t.Errorf("normNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSameNumber(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"+14255550142", "tel:+1 425 555 0142", true},
		{"+14255550142", "+14255550143", false},
		{"+12345678***", "+12345678901", true}, // Graph masks the end of some numbers
		{"+12345678***", "+1234567890", false}, // a mask keeps the length
		{"4255550142", "+14255550142", true},   // written without the country code
		{"04255550142", "+14255550142", true},  // with a national trunk prefix
		{"5550142", "+14255550142", true},      // seven digits still tell
		{"550142", "+14255550142", false},      // six do not
		{"+1001", "+14255551001", false},       // an extension is no E.164 number's end
		{"Internal Revenue Service", "Internal Revenue Service", false},
		{"", "", false},
	} {
		if got := sameNumber(tc.a, tc.b); got != tc.same {
			t.Errorf("sameNumber(%q, %q) = %v", tc.a, tc.b, got)
		}
		if got := sameNumber(tc.b, tc.a); got != tc.same {
			t.Errorf("sameNumber(%q, %q) = %v (reversed)", tc.b, tc.a, got)
		}
	}
}
