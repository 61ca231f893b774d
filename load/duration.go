package load

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/jsonscan"
)

// ParseISODuration reads an ISO 8601 duration such as "PT0.016S", "PT1M2.5S"
// or "P1DT2H". Years and months are refused: they have no fixed length and
// Graph never sends them.
func ParseISODuration(s string) (time.Duration, error) {
	orig := s
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	if len(s) < 2 || (s[0] != 'P' && s[0] != 'p') {
		return 0, fmt.Errorf("bad duration %q", orig)
	}
	s = s[1:]
	var total float64 // seconds
	inTime, any := false, false
	for len(s) > 0 {
		if s[0] == 'T' || s[0] == 't' {
			if inTime {
				return 0, fmt.Errorf("bad duration %q", orig)
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, fmt.Errorf("bad duration %q", orig)
		}
		n, err := strconv.ParseFloat(strings.Replace(s[:i], ",", ".", 1), 64)
		if err != nil {
			return 0, fmt.Errorf("bad duration %q", orig)
		}
		unit := s[i] | 0x20 // lower case
		switch {
		case !inTime && unit == 'w':
			total += n * 7 * 86400
		case !inTime && unit == 'd':
			total += n * 86400
		case inTime && unit == 'h':
			total += n * 3600
		case inTime && unit == 'm':
			total += n * 60
		case inTime && unit == 's':
			total += n
		default:
			return 0, fmt.Errorf("bad duration %q", orig)
		}
		any = true
		s = s[i+1:]
	}
	if !any || total > math.MaxInt64/float64(time.Second) {
		return 0, fmt.Errorf("bad duration %q", orig)
	}
	d := time.Duration(math.Round(total * float64(time.Second)))
	if neg {
		d = -d
	}
	return d, nil
}

// parseTimeSpanString reads .NET TimeSpan text: "00:00:00.0160000" or "1.02:03:04".
func parseTimeSpanString(s string) (time.Duration, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var days float64
	hms := s
	if dot := strings.IndexByte(s, '.'); dot >= 0 && dot < strings.IndexByte(s, ':') {
		d, err := strconv.ParseFloat(s[:dot], 64)
		if err != nil {
			return 0, false
		}
		days, hms = d, s[dot+1:]
	}
	parts := strings.Split(hms, ":")
	if len(parts) != 3 {
		return 0, false
	}
	h, err1 := strconv.ParseFloat(parts[0], 64)
	m, err2 := strconv.ParseFloat(parts[1], 64)
	sec, err3 := strconv.ParseFloat(parts[2], 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, false
	}
	d := time.Duration(math.Round(((days*24+h)*3600 + m*60 + sec) * float64(time.Second)))
	if neg {
		d = -d
	}
	return d, true
}

// parseDurationValue reads any form a duration takes in an export: an ISO
// 8601 string (Graph), a PowerShell TimeSpan object (ConvertTo-Json), or
// TimeSpan text.
func parseDurationValue(v jsonscan.Value) (time.Duration, error) {
	switch v.Kind() {
	case jsonscan.String:
		d, err := ParseISODuration(v.Str())
		if err == nil {
			return d, nil
		}
		if d, ok := parseTimeSpanString(v.Str()); ok {
			return d, nil
		}
		return 0, err
	case jsonscan.Object:
		var ticks, ms jsonscan.Value
		v.Fields(func(k string, m jsonscan.Value) bool {
			switch k {
			case "ticks":
				ticks = m
			case "totalmilliseconds":
				ms = m
			}
			return true
		})
		const maxTicks = math.MaxInt64 / 100
		if ticks.Kind() == jsonscan.Number && math.Abs(ticks.Num()) < maxTicks {
			return time.Duration(int64(ticks.Num())) * 100, nil // a tick is 100 ns
		}
		if ms.Kind() == jsonscan.Number && math.Abs(ms.Num()) < math.MaxInt64/float64(time.Millisecond) {
			return time.Duration(math.Round(ms.Num() * float64(time.Millisecond))), nil
		}
	}
	return 0, fmt.Errorf("bad duration %s", shortRaw(v.Raw()))
}

func shortRaw(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}
