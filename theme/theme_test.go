package theme

import (
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func TestProfile(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		flag    string
		env     map[string]string
		want    colorprofile.Profile
		ok, err bool
	}{
		{"auto", nil, 0, false, false},
		{"", map[string]string{"NO_COLOR": "yes"}, colorprofile.Ascii, true, false},
		{"", map[string]string{"NO_COLOR": "1"}, colorprofile.Ascii, true, false},
		{"", map[string]string{"NO_COLOR": ""}, 0, false, false},
		{"none", nil, colorprofile.Ascii, true, false},
		{"16", nil, colorprofile.ANSI, true, false},
		{"256", nil, colorprofile.ANSI256, true, false},
		{"true", nil, colorprofile.TrueColor, true, false},
		{"rainbow", nil, 0, false, true},
	}
	for _, c := range cases {
		p, ok, err := Profile(c.flag, env(c.env))
		if p != c.want || ok != c.ok || (err != nil) != c.err {
			t.Errorf("Profile(%q, %v) = %v, %v, %v", c.flag, c.env, p, ok, err)
		}
	}
}

func TestParseName(t *testing.T) {
	if dark, auto, err := ParseName(""); !dark || !auto || err != nil {
		t.Error("default must start dark and follow the terminal")
	}
	if dark, auto, _ := ParseName("light"); dark || auto {
		t.Error("light")
	}
	if _, _, err := ParseName("blue"); err == nil {
		t.Error("blue accepted")
	}
}

func TestSelectedIsReverseVideo(t *testing.T) {
	for _, dark := range []bool{true, false} {
		if !New(dark).Selected.GetReverse() {
			t.Error("the cursor must stay visible without colour: reverse video")
		}
	}
}
