package generate

import (
	"github.com/callscope/callscope/text"
	"strconv"
	"time"
)

// ---------------------------------------------------------------------------------------
// Low-level JSON writing. Every member ends with a comma; close and closeArr drop the
// comma before the closing bracket and add one after it.

func (g *gen) raw(s string) { g.b = append(g.b, s...) }

func (g *gen) key(k string) {
	g.b = append(g.b, '"')
	g.b = append(g.b, k...)
	g.b = append(g.b, '"', ':')
}

func (g *gen) str(k, v string) {
	g.key(k)
	g.b = text.AppendQuoted(g.b, v)
	g.b = append(g.b, ',')
}

// strN writes v, or null when v is empty.
func (g *gen) strN(k, v string) {
	if v == "" {
		g.null(k)
		return
	}
	g.str(k, v)
}

func (g *gen) null(k string) {
	g.key(k)
	g.b = append(g.b, "null,"...)
}

func (g *gen) int(k string, v int64) {
	g.key(k)
	g.b = strconv.AppendInt(g.b, v, 10)
	g.b = append(g.b, ',')
}

func (g *gen) intOrNull(k string, v int64, isNull bool) {
	if isNull {
		g.null(k)
		return
	}
	g.int(k, v)
}

func (g *gen) bool(k string, v bool) {
	g.key(k)
	g.b = strconv.AppendBool(g.b, v)
	g.b = append(g.b, ',')
}

// fix writes v / 10^dec as a decimal number without trailing zeros.
func (g *gen) fix(k string, v int64, dec int) {
	g.key(k)
	g.b = appendFixed(g.b, v, dec)
	g.b = append(g.b, ',')
}

// dur writes a duration of ms milliseconds in ISO 8601 ("PT0.016S", "PT1M2.5S").
func (g *gen) dur(k string, ms int) {
	g.key(k)
	g.b = append(g.b, `"PT`...)
	if ms >= 60000 {
		g.b = strconv.AppendInt(g.b, int64(ms/60000), 10)
		g.b = append(g.b, 'M')
		ms %= 60000
		if ms == 0 {
			g.b = append(g.b, `",`...)
			return
		}
	}
	g.b = appendFixed(g.b, int64(ms), 3)
	g.b = append(g.b, `S",`...)
}

func (g *gen) time(k string, t time.Time) {
	g.key(k)
	g.b = append(g.b, '"')
	g.b = t.UTC().AppendFormat(g.b, "2006-01-02T15:04:05.0000000Z")
	g.b = append(g.b, `",`...)
}

func (g *gen) ip(k string, a [4]byte) {
	g.key(k)
	g.b = append(g.b, '"')
	for i, x := range a {
		if i > 0 {
			g.b = append(g.b, '.')
		}
		g.b = strconv.AppendUint(g.b, uint64(x), 10)
	}
	g.b = append(g.b, `",`...)
}

func (g *gen) obj(k string) {
	g.key(k)
	g.b = append(g.b, '{')
}

func (g *gen) arr(k string) {
	g.key(k)
	g.b = append(g.b, '[')
}

func (g *gen) open() { g.b = append(g.b, '{') }

func (g *gen) trim() {
	if n := len(g.b); n > 0 && g.b[n-1] == ',' {
		g.b = g.b[:n-1]
	}
}

func (g *gen) close() {
	g.trim()
	g.b = append(g.b, '}', ',')
}

func (g *gen) closeArr() {
	g.trim()
	g.b = append(g.b, ']', ',')
}

const hexDigits = "0123456789abcdef"

func (g *gen) uuid() string {
	var u [16]byte
	hi, lo := g.r.Uint64(), g.r.Uint64()
	for i := range 8 {
		u[i] = byte(hi >> (56 - 8*i))
		u[8+i] = byte(lo >> (56 - 8*i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	j := 0
	for i, x := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j], s[j+1] = hexDigits[x>>4], hexDigits[x&15]
		j += 2
	}
	return string(s[:])
}

func (g *gen) macAddr() string {
	var s [17]byte
	v := g.r.Uint64()
	for i := range 6 {
		x := byte(v >> (8 * i))
		if i == 0 {
			x &^= 1 // unicast
		}
		s[3*i], s[3*i+1] = "0123456789ABCDEF"[x>>4], "0123456789ABCDEF"[x&15]
		if i < 5 {
			s[3*i+2] = '-'
		}
	}
	return string(s[:])
}

func (g *gen) alnum(n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	s := make([]byte, n)
	for i := range s {
		s[i] = chars[g.r.IntN(len(chars))]
	}
	return string(s)
}

func (g *gen) skipToken() string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	s := make([]byte, 64)
	for i := range s {
		s[i] = chars[g.r.IntN(len(chars))]
	}
	return string(s)
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000}

func appendFixed(b []byte, v int64, dec int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	if dec == 0 {
		return strconv.AppendInt(b, v, 10)
	}
	p := pow10[dec]
	b = strconv.AppendInt(b, v/p, 10)
	f := v % p
	if f == 0 {
		return b
	}
	var d [8]byte
	for i := dec - 1; i >= 0; i-- {
		d[i] = byte('0' + f%10)
		f /= 10
	}
	n := dec
	for d[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, d[:n]...)
}
