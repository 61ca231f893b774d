package text

import (
	"encoding/json"
	"testing"
	"time"
)

// AppendJSON writes record text cleaned, QuoteJSON exactly; both are JSON
// that reads back as the text they wrote.
func TestJSONStrings(t *testing.T) {
	for _, c := range []struct{ in, clean string }{
		{"plain ASCII", "plain ASCII"},
		{`quote " and \ back`, `quote " and \ back`},
		{"tab\tline\nend", "tab line end"},
		{"esc\x1b[2Jhere\x7f", "eschere"},
		{"日本 👍🏽", "日本 👍🏽"},
	} {
		var got string
		b := AppendJSON([]byte("x"), c.in)
		if err := json.Unmarshal(b[1:], &got); err != nil || got != c.clean || string(b[:1]) != "x" {
			t.Errorf("AppendJSON(%q) = %s (%q, %v), want %q", c.in, b, got, err, c.clean)
		}
		if err := json.Unmarshal([]byte(QuoteJSON(c.in)), &got); err != nil || got != c.in {
			t.Errorf("QuoteJSON(%q) = %s: reads back %q, %v", c.in, QuoteJSON(c.in), got, err)
		}
	}
	if q := QuoteJSON("\x01"); q != `"\u0001"` {
		t.Errorf("QuoteJSON(\\x01) = %s", q)
	}
}

func TestWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Plural(1, "stream"), "1 stream"},
		{Plural(2, "stream"), "2 streams"},
		{Plural(0, "media", "media"), "0 media"},
		{TrimFloat(1.50, 2), "1.5"},
		{TrimFloat(2, 1), "2"},
		{FormatMillis(16 * time.Millisecond), "16 ms"},
		{FormatMillis(2500 * time.Microsecond), "2.5 ms"},
		{FormatPercent(0.152), "15.2 %"},
		{FormatSpan(3*time.Minute + 5*time.Second), "3m 05s"},
		{FormatSpan(-1), "—"},
		{TimeText(time.Time{}), "—"},
		{TimeText(time.Date(2026, 2, 17, 14, 0, 2, 0, time.UTC)), "2026-02-17 14:00:02 UTC"},
		{SplitCamel("skypeForBusinessCallQueues"), "skype for business call queues"},
		{OneLine("  a\n\tb \x1b[2J c  "), "a b c"},
		{Truncate("AudioCodes", 5), "Audi…"},
		{Truncate("short", 5), "short"},
		{Truncate("x", 0), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
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
		if got := string(AppendJSON(nil, in)); got != want {
			t.Errorf("%q → %s, want %s", in, got, want)
		}
	}
}
