package load

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jsonscan"
)

func (l *loader) float(v jsonscan.Value, field string) data.Opt[float64] {
	switch v.Kind() {
	case jsonscan.Number:
		if math.IsInf(v.Num(), 0) || math.IsNaN(v.Num()) {
			break
		}
		return data.Some(v.Num())
	case jsonscan.String:
		// PowerShell and hand-edited files sometimes quote numbers; "NaN" too.
		if f, err := strconv.ParseFloat(strings.TrimSpace(v.Str()), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return data.Some(f)
		}
		if v.Str() == "" {
			return data.Opt[float64]{}
		}
	case jsonscan.Null, jsonscan.Missing:
		return data.Opt[float64]{}
	}
	l.bad(field, "not a number: "+shortRaw(v.Raw()))
	return data.Opt[float64]{}
}

func (l *loader) int(v jsonscan.Value, field string) data.Opt[int64] {
	f := l.float(v, field)
	if !f.OK {
		return data.Opt[int64]{}
	}
	if f.V >= math.MaxInt64 || f.V <= math.MinInt64 {
		l.bad(field, "number out of range: "+shortRaw(v.Raw()))
		return data.Opt[int64]{}
	}
	return data.Some(int64(f.V))
}

func (l *loader) bool(v jsonscan.Value, field string) data.Opt[bool] {
	switch v.Kind() {
	case jsonscan.True:
		return data.Some(true)
	case jsonscan.False:
		return data.Some(false)
	case jsonscan.String:
		if b, err := strconv.ParseBool(v.Str()); err == nil {
			return data.Some(b)
		}
	case jsonscan.Null, jsonscan.Missing:
		return data.Opt[bool]{}
	}
	l.bad(field, "not true or false: "+shortRaw(v.Raw()))
	return data.Opt[bool]{}
}

func (l *loader) duration(v jsonscan.Value, field string) data.Opt[time.Duration] {
	if v.IsNull() || (v.Kind() == jsonscan.String && v.Str() == "") {
		return data.Opt[time.Duration]{}
	}
	d, err := parseDurationValue(v)
	if err != nil {
		l.bad(field, err.Error())
		return data.Opt[time.Duration]{}
	}
	if d < 0 { // every duration in a call record is a length of time
		l.bad(field, "negative duration "+shortRaw(v.Raw()))
		return data.Opt[time.Duration]{}
	}
	return data.Some(d)
}

func (l *loader) time(v jsonscan.Value, field string) time.Time {
	if v.IsNull() {
		return time.Time{}
	}
	if v.IsObject() {
		// Windows PowerShell wraps some dates: {"value": "\/Date(..)\/", "DateTime": "..."}.
		v = v.Member("value")
	}
	if v.Kind() != jsonscan.String || v.Str() == "" {
		if v.Exists() && v.Kind() != jsonscan.Null {
			l.bad(field, "not a date: "+shortRaw(v.Raw()))
		}
		return time.Time{}
	}
	t, ok := parseTime(v.Str())
	if !ok {
		l.bad(field, "not a date: "+shortRaw(v.Raw()))
	}
	return t
}

// parseTime reads ISO 8601 with any number of fractional digits, and the
// "/Date(1582656741216)/" form Windows PowerShell 5.1 writes.
func parseTime(s string) (time.Time, bool) {
	if strings.HasPrefix(s, "/Date(") && strings.HasSuffix(s, ")/") {
		body := s[len("/Date(") : len(s)-2]
		// An offset such as "+0100" may follow the milliseconds; the
		// milliseconds are UTC either way.
		if body == "" {
			return time.Time{}, false
		}
		if i := strings.IndexAny(body[1:], "+-"); i >= 0 {
			body = body[:i+1]
		}
		ms, err := strconv.ParseInt(body, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.UnixMilli(ms).UTC(), true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		// Dates without a zone are taken as UTC, as Graph means them.
		t, err = time.Parse("2006-01-02T15:04:05.999999999", s)
		if err != nil {
			return time.Time{}, false
		}
	}
	return t.UTC(), true
}

// looksTruncated tells whether a string stands where PowerShell's
// ConvertTo-Json gave up at its depth limit and wrote a type name instead.
func looksTruncated(s string) bool {
	return strings.HasPrefix(s, "Microsoft.Graph.") || strings.HasPrefix(s, "System.") ||
		strings.HasPrefix(s, "@{")
}
