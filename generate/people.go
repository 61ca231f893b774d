package generate

import (
	"strconv"
	"strings"
)

// People: who joins, with the device and network they keep.

const (
	kindUser = iota
	kindGuest
	kindPhone
)

// person is one participant; its device and network stay the same over its sessions.
type person struct {
	kind     int
	id       string
	name     string
	upn      string
	plat     *platform
	ua       int
	machine  string // "" means null
	cpu      *cpuInfo
	audio    *audioDevice
	camera   string
	conn     string // wired, wifi, mobile
	ip       [4]byte
	mac      string // "" means empty string, "-" means null
	wifi     *wifiAdapter
	band24   bool
	bssid    string
	channel  int
	battery  int // -1 means null
	link     int64
	dns      string
	reflexIP byte
}

type feedback struct {
	rating string
	text   string
	tokens []string // tokens set to true; the others are false
}

func (g *gen) newPerson(organizer bool) person {
	var p person
	switch x := g.r.IntN(100); {
	case organizer || x < 85:
		p.kind = kindUser
	case x < 93:
		p.kind = kindGuest
	default:
		p.kind = kindPhone
	}
	first, last := firstNames[g.r.IntN(len(firstNames))], lastNames[g.r.IntN(len(lastNames))]
	switch p.kind {
	case kindPhone:
		p.id = "+1" + areaCodes[g.r.IntN(len(areaCodes))] + "55501" + twoDigits(g.r.IntN(100))
		return p
	case kindGuest:
		p.id = g.uuid()
		p.name = first + " " + last + " (Guest)"
	default:
		p.id = g.uuid()
		p.name = first + " " + last
		p.upn = strings.ToLower(first+"."+strings.ReplaceAll(last, "'", "")) + "@contoso.com"
	}
	w := g.r.IntN(100)
	if organizer {
		w = 0
	}
	for i := range platforms {
		if w < platforms[i].weight {
			p.plat = &platforms[i]
			break
		}
		w -= platforms[i].weight
	}
	p.ua = g.r.IntN(len(p.plat.headers))
	switch {
	case p.plat.web:
		p.audio = &webAudio[0]
		p.camera = "Integrated Camera"
	case p.plat.mobile:
		if p.plat.name == "iOS" {
			p.machine = "iPhone"
			p.audio = &iosAudio[g.r.IntN(len(iosAudio))]
		} else {
			p.machine = "Android"
			p.audio = &androidAudio[g.r.IntN(len(androidAudio))]
		}
		p.camera = "Front Camera"
	case p.plat.mac:
		p.machine = first + "s-MacBook-Pro"
		p.cpu = &macCPUs[g.r.IntN(len(macCPUs))]
		p.audio = &macAudio[g.r.IntN(len(macAudio))]
		p.camera = cameras[2]
	default:
		if g.r.IntN(2) == 0 {
			p.machine = "CONTOSO-LT-" + strconv.Itoa(1000+g.r.IntN(9000))
		} else {
			p.machine = "DESKTOP-" + g.alnum(7)
		}
		p.cpu = &windowsCPUs[g.r.IntN(len(windowsCPUs))]
		p.audio = &windowsAudio[g.r.IntN(len(windowsAudio))]
		p.camera = cameras[g.r.IntN(len(cameras)-1)]
	}
	x := g.r.IntN(100)
	switch {
	case p.plat.mobile && x < 45:
		p.conn = "mobile"
	case !p.plat.mobile && x < 40:
		p.conn = "wired"
	default:
		p.conn = "wifi"
	}
	switch p.conn {
	case "wired":
		p.ip = [4]byte{10, byte(g.r.IntN(256)), byte(g.r.IntN(256)), byte(2 + g.r.IntN(250))}
		p.link = 1000000000
		if g.r.IntN(4) == 0 {
			p.link = 100000000
		}
		p.battery = -1
	case "wifi":
		p.ip = [4]byte{192, 168, byte(g.r.IntN(5) * 10), byte(2 + g.r.IntN(250))}
		p.link = wifiLinkSpeeds[g.r.IntN(len(wifiLinkSpeeds))]
		p.band24 = g.r.IntN(4) == 0
		if p.band24 {
			p.channel = [...]int{1, 6, 11}[g.r.IntN(3)]
			p.link = wifiLinkSpeeds[g.r.IntN(2)]
		} else {
			p.channel = [...]int{36, 40, 44, 48, 100, 149, 153, 157}[g.r.IntN(8)]
		}
		p.bssid = g.macAddr()
		p.battery = g.r.IntN(101)
		if p.plat.name == "windows" {
			p.wifi = &wifiAdapters[g.r.IntN(len(wifiAdapters))]
		}
	default: // mobile
		p.ip = [4]byte{10, byte(g.r.IntN(256)), byte(g.r.IntN(256)), byte(2 + g.r.IntN(250))}
		p.link = 4294967295
		p.battery = g.r.IntN(101)
	}
	switch {
	case p.plat.mobile || p.plat.web:
		p.mac = "-"
	case g.r.IntN(5) == 0:
		p.mac = ""
	default:
		p.mac = g.macAddr()
	}
	if p.conn == "mobile" {
		p.dns = "-"
	} else if p.conn == "wired" && g.r.IntN(3) > 0 {
		p.dns = dnsSuffixes[g.r.IntN(2)]
	} else {
		p.dns = dnsSuffixes[2+g.r.IntN(len(dnsSuffixes)-2)]
	}
	p.reflexIP = byte(1 + g.r.IntN(254))
	return p
}

func (g *gen) participantV2(p *person) {
	g.str("id", p.id)
	g.obj("identity")
	g.identityKind(p)
	g.close()
}

// identityKind writes the one identity a person has ("user", "guest" or "phone") as a
// member of the enclosing identity set, as participants_v2 does: a user's with its OData
// type and userPrincipalName.
func (g *gen) identityKind(p *person) {
	switch p.kind {
	case kindPhone:
		g.obj("phone")
		g.str("id", p.id)
		g.raw(`"displayName":null,"tenantId":null,`)
	case kindGuest:
		g.obj("guest")
		g.str("id", p.id)
		g.str("displayName", p.name)
		g.null("tenantId")
	default:
		g.obj("user")
		g.str("@odata.type", "#microsoft.graph.userIdentity")
		g.str("id", p.id)
		g.str("displayName", p.name)
		g.str("tenantId", g.tenant)
		g.str("userPrincipalName", p.upn)
	}
	g.close()
}
