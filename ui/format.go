package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/data"
)

// fit cuts a styled line to w cells (wide characters counted right) and
// pads it with spaces to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// clean makes record text safe and visible: "—" when empty.
func clean(s string) string {
	if s = data.Clean(s); s == "" {
		return "—"
	}
	return s
}

const dash = "—"

func optInt(o data.Opt[int64], unit string) string {
	if !o.OK {
		return dash
	}
	if unit == "" {
		return fmt.Sprint(o.V)
	}
	return fmt.Sprintf("%d %s", o.V, unit)
}

func optFloat(o data.Opt[float64], prec int, unit string) string {
	if !o.OK {
		return dash
	}
	s := trim(o.V, prec)
	if unit != "" {
		s += " " + unit
	}
	return s
}

func optMillis(o data.Opt[time.Duration]) string {
	if !o.OK {
		return dash
	}
	return data.FormatMillis(o.V)
}

func optPercent(o data.Opt[float64]) string {
	if !o.OK {
		return dash
	}
	return data.FormatPercent(o.V)
}

func optBool(o data.Opt[bool]) string {
	if !o.OK {
		return dash
	}
	if o.V {
		return "yes"
	}
	return "no"
}

func trim(f float64, prec int) string {
	s := fmt.Sprintf("%.*f", prec, f)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// bitrate shows bits per second in the unit people read: "54 Mbit/s".
func bitrate(o data.Opt[int64]) string {
	if !o.OK {
		return dash
	}
	if o.V == 4294967295 {
		return "unknown"
	}
	v := float64(o.V)
	switch {
	case v >= 1e9:
		return trim(v/1e9, 1) + " Gbit/s"
	case v >= 1e6:
		return trim(v/1e6, 1) + " Mbit/s"
	case v >= 1e3:
		return trim(v/1e3, 1) + " kbit/s"
	}
	return fmt.Sprintf("%d bit/s", o.V)
}

// gauge draws a 0..1 ratio as a ten-cell bar and its percentage; the bar
// turns to the warning style from warnAt on.
func gauge(o data.Opt[float64], warnAt float64, st styles) string {
	if !o.OK {
		return st.muted.Render(dash)
	}
	v := math.Max(0, math.Min(o.V, 1))
	full := int(math.Round(v * 10))
	if full == 0 && v > 0 {
		full = 1 // anything above zero shows
	}
	fill := st.gaugeFull
	if o.V >= warnAt {
		fill = st.poor
	}
	return fill.Render(strings.Repeat("█", full)) + st.gaugeEmpty.Render(strings.Repeat("░", 10-full)) + " " + data.FormatPercent(o.V)
}

// styles is the subset of the theme the renderers need, as plain styles.
type styles struct {
	good, poor, unclassified, failure, warning, muted, label, title, header lipgloss.Style
	selected, border, borderFocused, key, desc, gaugeFull, gaugeEmpty       lipgloss.Style
}

func ansiWidth(s string) int { return ansi.StringWidth(s) }
