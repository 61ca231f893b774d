// Package theme holds every colour and style of callscope as semantic slots,
// for dark and light backgrounds. Colours are given once in true colour;
// Bubble Tea downsamples them to what the terminal can show (256, 16, none).
package theme

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Theme is the set of styles the UI draws with. Nothing outside this package
// names a colour.
type Theme struct {
	Dark bool

	Good, Poor, Unclassified, Failure lipgloss.Style // verdicts
	Warning                           lipgloss.Style
	Muted                             lipgloss.Style // secondary text, "—"
	Label                             lipgloss.Style // field names in the detail pane
	Title                             lipgloss.Style // pane and section titles
	Header                            lipgloss.Style // the top line
	Selected                          lipgloss.Style // the cursor row: reverse video, readable without colour
	Border                            lipgloss.Style
	BorderFocused                     lipgloss.Style
	Key                               lipgloss.Style // help: the key
	Desc                              lipgloss.Style // help: what it does
	GaugeFull, GaugeEmpty             lipgloss.Style
	Match                             lipgloss.Style // search matches: underlined, readable without colour
}

type palette struct {
	good, poor, unclassified, warning, muted, label, title, border, focus, key color.Color
}

var (
	darkPalette = palette{
		good: lipgloss.Color("#5fd787"), poor: lipgloss.Color("#ff5f5f"), unclassified: lipgloss.Color("#a8a8a8"),
		warning: lipgloss.Color("#ffaf00"), muted: lipgloss.Color("#8a8a8a"), label: lipgloss.Color("#87afd7"),
		title: lipgloss.Color("#d7afff"), border: lipgloss.Color("#585858"), focus: lipgloss.Color("#87afff"),
		key: lipgloss.Color("#d7d7d7"),
	}
	lightPalette = palette{
		good: lipgloss.Color("#008700"), poor: lipgloss.Color("#d70000"), unclassified: lipgloss.Color("#6c6c6c"),
		warning: lipgloss.Color("#af5f00"), muted: lipgloss.Color("#767676"), label: lipgloss.Color("#005f87"),
		title: lipgloss.Color("#5f00af"), border: lipgloss.Color("#a8a8a8"), focus: lipgloss.Color("#0057d7"),
		key: lipgloss.Color("#303030"),
	}
)

// New returns the theme for a dark or light background.
func New(dark bool) Theme {
	p := lightPalette
	if dark {
		p = darkPalette
	}
	s := lipgloss.NewStyle
	return Theme{
		Dark:          dark,
		Good:          s().Foreground(p.good),
		Poor:          s().Foreground(p.poor).Bold(true),
		Unclassified:  s().Foreground(p.unclassified),
		Failure:       s().Foreground(p.poor).Bold(true),
		Warning:       s().Foreground(p.warning),
		Muted:         s().Foreground(p.muted),
		Label:         s().Foreground(p.label),
		Title:         s().Foreground(p.title).Bold(true),
		Header:        s().Bold(true),
		Selected:      s().Reverse(true),
		Border:        s().Foreground(p.border),
		BorderFocused: s().Foreground(p.focus).Bold(true),
		Key:           s().Foreground(p.key).Bold(true),
		Desc:          s().Foreground(p.muted),
		GaugeFull:     s().Foreground(p.label),
		GaugeEmpty:    s().Foreground(p.border),
		Match:         s().Foreground(p.warning).Bold(true).Underline(true),
	}
}

// ParseName reads --theme: "dark", "light", or "" to follow the terminal.
func ParseName(s string) (dark, auto bool, err error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return true, true, nil
	case "dark":
		return true, false, nil
	case "light":
		return false, false, nil
	}
	return false, false, fmt.Errorf("unknown theme %q: use dark or light", s)
}

// Profile picks the colour profile from --color and the environment. ok is
// false for "auto" without NO_COLOR: Bubble Tea then detects the terminal.
// NO_COLOR with any non-empty value means no colour (no-color.org), which
// colorprofile alone does not honour for values like "yes".
func Profile(flag string, getenv func(string) string) (p colorprofile.Profile, ok bool, err error) {
	switch strings.ToLower(flag) {
	case "", "auto":
		if getenv("NO_COLOR") != "" {
			return colorprofile.Ascii, true, nil
		}
		return 0, false, nil
	case "none", "no", "off":
		return colorprofile.Ascii, true, nil
	case "16", "ansi":
		return colorprofile.ANSI, true, nil
	case "256", "ansi256":
		return colorprofile.ANSI256, true, nil
	case "true", "truecolor", "24bit":
		return colorprofile.TrueColor, true, nil
	}
	return 0, false, fmt.Errorf("unknown colour mode %q: use auto, none, 16, 256 or true", flag)
}
