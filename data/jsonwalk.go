package data

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// forEachMember calls fn for every member of a JSON object with its key
// normalised: lower case, underscores removed. That one rule matches Graph's
// camelCase ("organizer_v2", "ipAddress") with PowerShell's PascalCase
// ("OrganizerV2", "IPAddress"). Members of a PowerShell "AdditionalProperties"
// object belong to the parent, so they are walked as if they stood there.
// Later duplicates win, as in encoding/json.
func forEachMember(obj value, fn func(key string, v value) bool) {
	forEachMemberDepth(obj, fn, 0)
}

// maxMerge bounds AdditionalProperties inside AdditionalProperties: real
// exports have one level, a hostile file could nest them without end.
const maxMerge = 4

// forEachMemberDepth returns false when fn stopped the walk. It hands fn on
// as it is, with no wrapper closure, so that fn stays on the stack.
func forEachMemberDepth(obj value, fn func(key string, v value) bool, depth int) bool {
	cont := true
	forEachRaw(obj, func(k string, v value) bool {
		key := obj.w.norm(k)
		if key == "additionalproperties" && v.IsObject() && depth < maxMerge {
			cont = forEachMemberDepth(v, fn, depth+1)
		} else {
			cont = fn(key, v)
		}
		return cont
	})
	return cont
}

// normKey lower-cases k and drops underscores without allocating for short
// keys: the result may alias buf.
func normKey(k string, buf *[48]byte) string {
	plain := true
	for i := 0; i < len(k); i++ {
		if c := k[i]; (c >= 'A' && c <= 'Z') || c == '_' {
			plain = false
			break
		}
	}
	if plain {
		return k
	}
	if len(k) > len(buf) {
		return strings.ReplaceAll(strings.ToLower(k), "_", "")
	}
	n := 0
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == '_' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return unsafeString(buf[:n])
}

func isNull(v value) bool { return v.Type == gjson.Null || !v.Exists() }

// str reads a string value; numbers and booleans are kept as their text
// because enums and ids sometimes arrive as numbers in hand-made files.
func str(v value) string {
	switch v.Type {
	case gjson.String:
		return v.Str
	case gjson.Number, gjson.True, gjson.False:
		return v.raw
	}
	return ""
}

func (l *loader) float(v value, field string) Opt[float64] {
	switch v.Type {
	case gjson.Number:
		if math.IsInf(v.Num, 0) || math.IsNaN(v.Num) {
			break
		}
		return Some(v.Num)
	case gjson.String:
		// PowerShell and hand-edited files sometimes quote numbers; "NaN" too.
		if f, err := strconv.ParseFloat(strings.TrimSpace(v.Str), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return Some(f)
		}
		if v.Str == "" {
			return Opt[float64]{}
		}
	case gjson.Null:
		return Opt[float64]{}
	}
	l.bad(field, "not a number: "+shortRaw(v.Raw()))
	return Opt[float64]{}
}

func (l *loader) int(v value, field string) Opt[int64] {
	f := l.float(v, field)
	if !f.OK {
		return Opt[int64]{}
	}
	if f.V >= math.MaxInt64 || f.V <= math.MinInt64 {
		l.bad(field, "number out of range: "+shortRaw(v.Raw()))
		return Opt[int64]{}
	}
	return Some(int64(f.V))
}

func (l *loader) bool(v value, field string) Opt[bool] {
	switch v.Type {
	case gjson.True:
		return Some(true)
	case gjson.False:
		return Some(false)
	case gjson.String:
		if b, err := strconv.ParseBool(v.Str); err == nil {
			return Some(b)
		}
	case gjson.Null:
		return Opt[bool]{}
	}
	l.bad(field, "not true or false: "+shortRaw(v.Raw()))
	return Opt[bool]{}
}

func (l *loader) duration(v value, field string) Opt[time.Duration] {
	if isNull(v) || (v.Type == gjson.String && v.Str == "") {
		return Opt[time.Duration]{}
	}
	d, err := parseDurationValue(v)
	if err != nil {
		l.bad(field, err.Error())
		return Opt[time.Duration]{}
	}
	if d < 0 { // every duration in a call record is a length of time
		l.bad(field, "negative duration "+shortRaw(v.Raw()))
		return Opt[time.Duration]{}
	}
	return Some(d)
}

func (l *loader) time(v value, field string) time.Time {
	if isNull(v) {
		return time.Time{}
	}
	if v.IsObject() {
		// Windows PowerShell wraps some dates: {"value": "\/Date(..)\/", "DateTime": "..."}.
		var inner value
		forEachMember(v, func(k string, m value) bool {
			if k == "value" {
				inner = m
			}
			return true
		})
		v = inner
	}
	if v.Type != gjson.String || v.Str == "" {
		if v.Exists() && v.Type != gjson.Null {
			l.bad(field, "not a date: "+shortRaw(v.Raw()))
		}
		return time.Time{}
	}
	t, ok := parseTime(v.Str)
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
