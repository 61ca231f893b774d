package ui

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/load"
)

// Ids are cut on character boundaries and to a width, never inside a UTF-8
// sequence: the window title, the header and the pane titles show them.
func TestShortIDCutsOnCharacterBoundaries(t *testing.T) {
	for _, id := range []string{
		"x" + strings.Repeat("é", 20),
		strings.Repeat("日本", 20),
		"a" + strings.Repeat("👍🏽", 10),
		strings.Repeat("e\u0301", 20),
		strings.Repeat("ä", 30) + "-rest",
		strings.Repeat("x", 500) + "-rest",
	} {
		got := shortID(id)
		if !utf8.ValidString(got) {
			t.Errorf("shortID(%q) = %q: invalid UTF-8", id, got)
		}
		if w := ansi.StringWidth(got); w > 13 {
			t.Errorf("shortID(%q) = %q: %d cells", id, got, w)
		}
		if strings.HasPrefix(got, "e") && !strings.HasPrefix(got, "e\u0301") {
			t.Errorf("shortID(%q) = %q: an accent cut from its letter", id, got)
		}
	}
	for id, want := range map[string]string{
		"b3f0c6a2-7d41-4e9b-8c15-2f6e9a4d7b38": "b3f0c6a2",
		"short":                                "short",
		"":                                     "(no id)",
		"abcdefghijklmnop":                     "abcdefghijkl…",
	} {
		if got := shortID(id); got != want {
			t.Errorf("shortID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestTitlesAreValidUTF8(t *testing.T) {
	doc := fmt.Sprintf(`{"id":"x%s","sessions":[{"id":"s%s","caller":{"associatedIdentity":{"displayName":"%s"}},
	 "segments":[{"id":"g","media":[{"label":"%s","streams":[{"streamId":"%s"}]}]}]}]}`,
		strings.Repeat("é", 40), strings.Repeat("é", 40), strings.Repeat("ö", 80), strings.Repeat("ü", 80), strings.Repeat("ß", 80))
	f, err := load.Load("u.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {41, 12}, {160, 50}} {
		m := press(loaded(f, size[0], size[1]), "4")
		for i := 0; i < m.ctx.Tree.Rows(); i++ {
			v := m.View()
			if !utf8.ValidString(v.WindowTitle) || !utf8.ValidString(v.Content) {
				t.Fatalf("%v row %d: invalid UTF-8 in title %q or screen", size, i, v.WindowTitle)
			}
			m = press(m, "j")
		}
	}
}

// fit makes a line exactly w cells wide by the width lipgloss measures,
// whatever the line holds.
func TestFitIsExactlyWide(t *testing.T) {
	for _, s := range []string{
		"1\ufe0f\u20e3 keycap then text",
		"x\ufe0f selector after ASCII",
		"a\u00adb soft hyphen",
		"日本語の名前です",
		"Zoë 👍🏽 and 👨\u200d👩\u200d👧",
		"e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301",
		"\x1b[31mred\x1b[0m 日本",
	} {
		for w := 1; w <= 24; w++ {
			if got := ansi.StringWidth(fit(s, w)); got != w {
				t.Errorf("fit(%q, %d) is %d cells: %q", s, w, got, fit(s, w))
			}
		}
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Errorf("width(%q) = %d, lipgloss says %d", s, got, want)
		}
	}
}

// The participants view lines its columns up by display width.
func TestPeopleColumnsAlign(t *testing.T) {
	names := []string{"山田太郎", "Zoë 👍🏽", "Ana", "e\u0301mile", "❤\ufe0f Love", "Anna\u00adLena", "Ελένη"}
	var ps []string
	for i, n := range names {
		ps = append(ps, fmt.Sprintf(`{"id":"p%d","identity":{"user":{"id":"u%d","displayName":%q}}}`, i, i, n))
	}
	f, err := load.Load("p.json", []byte(`{"id":"c","participants_v2":[`+strings.Join(ps, ",")+`],"sessions":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	m := press(loaded(f, 160, 20), "p") // wide enough for the role column
	rows := 0
	col := -1
	for _, line := range strings.Split(screen(m), "\n") {
		i := strings.Index(line, "user ")
		if i < 0 {
			continue
		}
		rows++
		c := ansi.StringWidth(line[:i])
		if col >= 0 && c != col {
			t.Errorf("the kind column starts at cell %d, above at %d:\n%s", c, col, screen(m))
		}
		col = c
	}
	if rows != len(names) {
		t.Fatalf("%d rows:\n%s", rows, screen(m))
	}
}

// width's fast path counts the runes narrow names as one cell each: they
// must be one cell by lipgloss's measure too, alone and after a letter.
func TestNarrowRunesAreOneCell(t *testing.T) {
	for r := rune(0x20); r < 0x30000; r++ {
		if !narrow(r) {
			continue
		}
		if w := ansi.StringWidth(string(r)); w != 1 {
			t.Errorf("narrow(%U) but it is %d cells", r, w)
		}
		if w := ansi.StringWidth("a" + string(r)); w != 2 {
			t.Errorf("a%c is %d cells", r, w)
		}
	}
}

// `callscope list` and the picker line their columns up by display width.
func TestListRowsAlign(t *testing.T) {
	col := -1
	for _, org := range []string{"Alice Okafor", "山田太郎", "Zoë 👍🏽", "e\u0301mile"} {
		f, err := load.Load("l.json", []byte(fmt.Sprintf(`{"id":"id-%s","type":"groupCall","modalities":["audio"],
		 "startDateTime":"2026-11-02T09:00:00Z","endDateTime":"2026-11-02T09:35:10Z",
		 "organizer_v2":{"id":"o","identity":{"user":{"displayName":%q}}}}`, "x", org)))
		if err != nil {
			t.Fatal(err)
		}
		row := ListRow(f.Records[0])
		c := ansi.StringWidth(row[:strings.Index(row, "id-x")])
		if col >= 0 && c != col {
			t.Errorf("the id column starts at cell %d, above at %d: %q", c, col, row)
		}
		col = c
	}
}
