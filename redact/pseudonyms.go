package redact

import (
	"encoding/binary"
	"fmt"
	"github.com/callscope/callscope/text"
	"net/netip"
	"strconv"
	"strings"
)

// ---------------------------------------------------------------------------------------
// The pseudonyms: assigned in walk order, so the same file always redacts to
// the same bytes, and a redacted file redacts to itself.

type identFake struct {
	fake, json string
	cat        rcat
}

type nameFake struct {
	json string
	n    int // the number in "Person n", for linking the UPN; 0 for others
}

// pseudonyms holds what was given out. Replacements are kept as JSON text,
// ready to splice: a value seen again costs one map look-up.
type pseudonyms struct {
	names    map[string]nameFake  // exact: names are compared exactly
	ident    map[string]identFake // lower case: ids are compared without case
	emailOf  map[string]bool      // e-mail pseudonyms in use
	devices  map[string]string
	feedback map[string]string
	ips      map[string]string     // original text → JSON, "" to keep
	hosts    map[string]string     // IP fields that hold no address
	macText  map[string]string     // original text → JSON, "" to keep
	macs     map[string]uint64     // normalised address → number
	v4nets   [2]map[[3]byte]uint32 // private, public
	v6nets   [2]map[[8]byte]uint32
	v6iids   map[[16]byte]uint64

	nameN, deviceN [2]int
	macN           uint64

	guidN, phoneN, userN, feedbackN, hostN, iidN int
}

var (
	namePrefixes   = [2]string{"Person ", "Application "}
	devicePrefixes = [2]string{"Device ", "Machine "}
)

const (
	guestSuffix = " (Guest)"
	redactedURL = "https://teams.microsoft.com/l/meetup-join/redacted"
	redactedDNS = "redacted.example"
)

func (p *pseudonyms) init() {
	p.names = map[string]nameFake{}
	p.ident = map[string]identFake{}
	p.emailOf = map[string]bool{}
	p.devices = map[string]string{}
	p.feedback = map[string]string{}
	p.ips = map[string]string{}
	p.hosts = map[string]string{}
	p.macText = map[string]string{}
	p.macs = map[string]uint64{}
	p.v6iids = map[[16]byte]uint64{}
	for i := range 2 {
		p.v4nets[i] = map[[3]byte]uint32{}
		p.v6nets[i] = map[[8]byte]uint32{}
	}
}

// assign fills every item's replacement. The members of one identity object
// are taken names first, so that its UPN can take its name's number.
func (p *pseudonyms) assign(items []redactItem, counts *[nRedact]int) {
	p.init()
	for i := 0; i < len(items); {
		j := i + 1
		if g := items[i].group; g != 0 {
			for j < len(items) && items[j].group == g {
				j++
			}
		}
		link := 0
		for pass := range 2 {
			for k := i; k < j; k++ {
				it := &items[k]
				if it.cat == rcDead || (it.cat == rcNames) != (pass == 0) {
					continue
				}
				before := p.tableLen(it.cat)
				repl, n := p.fake(it, link)
				it.fresh = before < 0 || p.tableLen(it.cat) > before
				if n > 0 && link == 0 {
					link = n
				}
				if repl != "" {
					it.repl = repl
					counts[it.cat]++
				}
			}
		}
		i = j
	}
}

// tableLen is the number of values of c given a pseudonym so far; -1 for
// the categories with one pseudonym for all (urls, dns).
func (p *pseudonyms) tableLen(c rcat) int {
	switch c {
	case rcNames:
		return len(p.names)
	case rcEmails, rcPhones, rcIDs:
		return len(p.ident)
	case rcIPs:
		return len(p.ips)
	case rcMACs:
		return len(p.macText)
	case rcDevices:
		return len(p.devices)
	case rcFeedback:
		return len(p.feedback)
	}
	return -1
}

// remembered is seen[s], made by fake the first time as JSON text; "" (keep
// the value) when fake makes nothing.
func remembered(seen map[string]string, s string, fake func(string) string) string {
	f, ok := seen[s]
	if !ok {
		if v := fake(s); v != "" {
			f = text.QuoteJSON(v)
		}
		seen[s] = f
	}
	return f
}

var (
	redactedURLJSON = text.QuoteJSON(redactedURL)
	redactedDNSJSON = text.QuoteJSON(redactedDNS)
)

// fake makes the pseudonym of one value as JSON text; "" keeps the value (an
// unspecified address, an all-zero MAC, the nil GUID). For a person's name it
// also returns its number; link is the number of the name in the same
// identity object.
func (p *pseudonyms) fake(it *redactItem, link int) (string, int) {
	s := it.orig
	switch it.cat {
	case rcNames:
		f, ok := p.names[s]
		if !ok {
			p.nameN[it.prefix]++
			n := p.nameN[it.prefix]
			fake := namePrefixes[it.prefix] + strconv.Itoa(n)
			if strings.HasSuffix(s, guestSuffix) {
				fake += guestSuffix // Teams' own marker, not the person's
			}
			f = nameFake{text.QuoteJSON(fake), n}
			if it.prefix != prefixPerson {
				f.n = 0 // linked e-mails are made for people only
			}
			p.names[s] = f
		}
		return f.json, f.n
	case rcEmails, rcPhones, rcIDs:
		return p.identifier(s, it.cat, link), 0
	case rcIPs:
		return remembered(p.ips, s, p.ip), 0
	case rcMACs:
		return remembered(p.macText, s, p.mac), 0
	case rcDevices:
		f, ok := p.devices[s]
		if !ok {
			p.deviceN[it.prefix]++
			f = text.QuoteJSON(devicePrefixes[it.prefix] + strconv.Itoa(p.deviceN[it.prefix]))
			p.devices[s] = f
		}
		return f, 0
	case rcURLs:
		return redactedURLJSON, 0
	case rcFeedback:
		// Numbered: two texts of one endpoint must stay two findings.
		f, ok := p.feedback[s]
		if !ok {
			p.feedbackN++
			f = text.QuoteJSON("(feedback text " + strconv.Itoa(p.feedbackN) + " redacted)")
			p.feedback[s] = f
		}
		return f, 0
	case rcDNS:
		return redactedDNSJSON, 0
	}
	return "", 0
}

// identifier gives ids, phone numbers and e-mail addresses their pseudonyms
// from one table, by the value without case.
func (p *pseudonyms) identifier(s string, cat rcat, link int) string {
	if cat == rcIDs && isNilGUID(s) {
		return ""
	}
	key := asciiLower(s)
	if f, ok := p.ident[key]; ok {
		return f.json
	}
	var fake string
	switch cat {
	case rcPhones:
		p.phoneN++
		fake = fmt.Sprintf("+1555000%04d", p.phoneN)
	case rcEmails:
		if link > 0 {
			fake = "person" + strconv.Itoa(link) + "@example.com"
		}
		if fake == "" || p.emailOf[fake] {
			p.userN++
			fake = "user" + strconv.Itoa(p.userN) + "@example.com"
		}
		p.emailOf[fake] = true
	default:
		p.guidN++
		fake = fmt.Sprintf("00000000-0000-4000-8000-%012d", p.guidN)
	}
	f := identFake{fake, text.QuoteJSON(fake), cat}
	p.ident[strings.Clone(key)] = f
	return f.json
}

func isNilGUID(s string) bool {
	return strings.Trim(s, "0-{}") == "" && strings.Count(s, "0") == 32
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// ip maps an address or prefix. IPv4 keeps its last octet and maps its /24:
// private networks (10/8, 172.16/12, 192.168/16, 100.64/10, 127/8,
// 169.254/16) to 10.x.y.0/24, public ones to 198.18.0.0/15 (then 240/4), so
// a subnet and its addresses still line up. IPv6 maps its /64 to fd00:0:x:y
// (fc00::/7, fe80::/10, ::1) or 2001:db8:x:y and numbers the interface ids.
// What is not an address becomes "hostN.redacted.example".
func (p *pseudonyms) ip(s string) string {
	t := strings.TrimSpace(s)
	if strings.Contains(t, "/") {
		if pfx, err := netip.ParsePrefix(t); err == nil {
			if pfx.Addr().IsUnspecified() {
				return ""
			}
			return netip.PrefixFrom(p.addr(pfx.Addr()), pfx.Bits()).String()
		}
	}
	if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
		t = t[1 : len(t)-1]
	}
	a, err := netip.ParseAddr(t)
	if err != nil {
		f, ok := p.hosts[s]
		if !ok {
			p.hostN++
			f = "host" + strconv.Itoa(p.hostN) + ".redacted.example"
			p.hosts[s] = f
		}
		return f
	}
	if a.IsUnspecified() {
		return ""
	}
	return p.addr(a).String()
}

func (p *pseudonyms) addr(a netip.Addr) netip.Addr {
	a = a.WithZone("")
	switch {
	case a.Is4In6():
		return netip.AddrFrom16(p.v4(a.Unmap()).As16())
	case a.Is4():
		return p.v4(a)
	}
	b := a.As16()
	class := 1
	if a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLoopback() {
		class = 0
	}
	net := [8]byte(b[:8])
	idx, ok := p.v6nets[class][net]
	if !ok {
		idx = uint32(len(p.v6nets[class]))
		p.v6nets[class][net] = idx
	}
	var iid uint64
	if binary.BigEndian.Uint64(b[8:]) != 0 {
		if iid, ok = p.v6iids[b]; !ok {
			p.iidN++
			iid = uint64(p.iidN)
			p.v6iids[b] = iid
		}
	}
	var out [16]byte
	if class == 0 {
		out[0] = 0xfd
	} else {
		out[0], out[1], out[2], out[3] = 0x20, 0x01, 0x0d, 0xb8
	}
	binary.BigEndian.PutUint32(out[4:], idx)
	binary.BigEndian.PutUint64(out[8:], iid)
	return netip.AddrFrom16(out)
}

// isPrivateV4 is the redaction's private range: 10/8, 172.16/12,
// 192.168/16, 100.64/10, 127/8, 169.254/16.
func isPrivateV4(b [4]byte) bool {
	switch {
	case b[0] == 10, b[0] == 127:
		return true
	case b[0] == 172 && b[1]&0xf0 == 16:
		return true
	case b[0] == 192 && b[1] == 168:
		return true
	case b[0] == 100 && b[1]&0xc0 == 64:
		return true
	case b[0] == 169 && b[1] == 254:
		return true
	}
	return false
}

func (p *pseudonyms) v4(a netip.Addr) netip.Addr {
	b := a.As4()
	class := 1
	if isPrivateV4(b) {
		class = 0
	}
	net := [3]byte(b[:3])
	idx, ok := p.v4nets[class][net]
	if !ok {
		idx = uint32(len(p.v4nets[class]))
		p.v4nets[class][net] = idx
	}
	var out [4]byte
	switch {
	case class == 0:
		out = [4]byte{10, byte(idx >> 8), byte(idx), b[3]}
	case idx < 512:
		out = [4]byte{198, 18 + byte(idx>>8), byte(idx), b[3]}
	default:
		j := idx - 512
		out = [4]byte{240 | byte(j>>16)&15, byte(j >> 8), byte(j), b[3]}
	}
	return netip.AddrFrom4(out)
}

// mac maps a MAC address or BSSID to a locally administered one,
// 02-00-00-00-00-01 and on, written as the input was: its separator, its
// grouping, its case and its length (EUI-64 stays eight bytes). The all-zero
// address, which says "unknown", is kept.
func (p *pseudonyms) mac(s string) string {
	hex := make([]byte, 0, 16)
	var sep byte
	group, upper, lower, valid := 0, false, false, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			hex = append(hex, c)
		case c >= 'a' && c <= 'f':
			hex, lower = append(hex, c), true
		case c >= 'A' && c <= 'F':
			hex, upper = append(hex, c+'a'-'A'), true
		case c == ':' || c == '-' || c == '.' || c == ' ':
			if sep == 0 {
				sep, group = c, len(hex)
			} else if c != sep {
				valid = false
			}
		default:
			valid = false
		}
	}
	n := len(hex) / 2
	if !valid || len(hex)%2 != 0 || n < 6 || n > 8 {
		valid, n, sep, group, upper, lower = false, 6, '-', 2, true, false
	}
	key := string(hex)
	if !valid {
		key = "\x00" + s
	} else if strings.Trim(key, "0") == "" {
		return ""
	}
	num, ok := p.macs[key]
	if !ok {
		p.macN++
		num = p.macN
		p.macs[key] = num
	}
	raw := make([]byte, n)
	raw[0] = 0x02
	for i := n - 1; i >= 1 && num > 0; i-- {
		raw[i] = byte(num)
		num >>= 8
	}
	digits := "0123456789abcdef"
	if upper || (!lower && sep == '-') {
		digits = "0123456789ABCDEF"
	}
	if group <= 0 || group >= 2*n {
		group = 2 * n
	}
	out := make([]byte, 0, 2*n)
	for _, x := range raw {
		out = append(out, digits[x>>4], digits[x&15])
	}
	if sep == 0 || group >= 2*n {
		return string(out)
	}
	grouped := make([]byte, 0, len(out)+len(out)/group)
	for i := 0; i < len(out); i += group {
		if i > 0 {
			grouped = append(grouped, sep)
		}
		grouped = append(grouped, out[i:min(i+group, len(out))]...)
	}
	return string(grouped)
}

// linkScan finds identifiers in a link. The ends of the current run of
// e-mail bytes and of the domain after it are kept, so that trying every
// start in a long run stays linear.
