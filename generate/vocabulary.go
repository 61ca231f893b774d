package generate

// ---------------------------------------------------------------------------------------
// Fixed vocabularies. All names and addresses are fictional.

var firstNames = [...]string{
	"Aaliyah", "Adrian", "Aiko", "Alejandro", "Amara", "Anders", "Ania", "Arjun", "Beatriz",
	"Bruno", "Camille", "Carlos", "Chen", "Chloe", "Daniel", "Dmitri", "Elena", "Emeka",
	"Emma", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hana", "Hassan", "Ingrid",
	"Isaac", "Ivana", "Jamal", "Javier", "Jin", "Julia", "Kai", "Kavya", "Kenji", "Lars",
	"Layla", "Leon", "Lucia", "Malik", "Marta", "Mateo", "Mei", "Mohammed", "Nadia", "Nikos",
	"Nora", "Oliver", "Olga", "Omar", "Priya", "Rafael", "Ravi", "Rosa", "Samir", "Sofia",
	"Tariq", "Thandiwe", "Tomas", "Valentina", "Wei", "Yusuf", "Zara",
}

var lastNames = [...]string{
	"Abbott", "Adeyemi", "Andersson", "Bauer", "Becker", "Bianchi", "Brennan", "Castillo",
	"Chowdhury", "Costa", "Dubois", "Eriksen", "Fernandes", "Fischer", "Garcia", "Haddad",
	"Hansen", "Hoffmann", "Ibrahim", "Ivanova", "Jansen", "Kapoor", "Kim", "Kowalski",
	"Larsen", "Laurent", "Lopez", "Mahlangu", "Martin", "Moreau", "Murphy", "Nakamura",
	"Nguyen", "Novak", "O'Connor", "Okonkwo", "Olsen", "Park", "Petrov", "Quinn", "Rahman",
	"Reyes", "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Sokolov", "Suzuki", "Tanaka",
	"Teo", "Torres", "Varga", "Wagner", "Walsh", "Wang", "Weber", "Yamamoto", "Yilmaz",
	"Zhang", "Zielinski", "Mensah", "Haugen", "Duarte",
}

type platform struct {
	name     string // Graph clientPlatform
	weight   int
	headers  []string
	versions []string // applicationVersion, same index as headers; "" means null
	mobile   bool
	web      bool
	mac      bool
}

var platforms = [...]platform{
	{name: "windows", weight: 45,
		headers:  []string{"releases/CL2026.R02", "releases/CL2025.R25", "releases/CL2025.R22"},
		versions: []string{"49/26011815224", "49/25112011619", "49/25092606017"}},
	{name: "macOS", weight: 20, mac: true,
		headers:  []string{"releases/CL2026.R02", "releases/CL2025.R25"},
		versions: []string{"49/26011815224", "49/25112011619"}},
	{name: "web", weight: 12, web: true,
		headers: []string{
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36 Edg/133.0.0.0",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36",
			"Mozilla/5.0 (X11; Linux x86_64; rv:134.0) Gecko/20100101 Firefox/134.0",
		},
		versions: []string{"", "", ""}},
	{name: "iOS", weight: 12, mobile: true,
		headers:  []string{"Teams/6.26.1 (iPhone15,3; iOS 18.3.1)", "Teams/6.25.4 (iPhone14,5; iOS 18.2)", "Teams/6.26.1 (iPad13,18; iPadOS 18.3)"},
		versions: []string{"6.26.1", "6.25.4", "6.26.1"}},
	{name: "android", weight: 11, mobile: true,
		headers:  []string{"Teams/1416/1.0.0.2026012301 (SM-S928B; Android 15)", "Teams/1416/1.0.0.2025121102 (Pixel 8; Android 15)", "Teams/1416/1.0.0.2026012301 (moto g84 5G; Android 14)"},
		versions: []string{"1416/1.0.0.2026012301", "1416/1.0.0.2025121102", "1416/1.0.0.2026012301"}},
}

type cpuInfo struct {
	name  string
	cores int
	mhz   int
}

var windowsCPUs = [...]cpuInfo{
	{"11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz", 8, 2995},
	{"12th Gen Intel(R) Core(TM) i5-1245U", 12, 2496},
	{"Intel(R) Core(TM) Ultra 7 155H", 22, 2995},
	{"AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics", 16, 3301},
	{"Snapdragon(R) X Elite - X1E78100 - Qualcomm(R) Oryon(TM) CPU", 12, 3417},
	{"Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz", 8, 1896},
	{"13th Gen Intel(R) Core(TM) i7-1365U", 12, 1805},
}

var macCPUs = [...]cpuInfo{
	{"Apple M1", 8, 3204},
	{"Apple M2", 8, 3504},
	{"Apple M3 Pro", 12, 4056},
	{"Apple M4", 10, 4400},
}

type audioDevice struct {
	capture, captureDriver, render, renderDriver string // "" means null
}

var windowsAudio = [...]audioDevice{
	{"Microphone Array (Realtek(R) Audio)", "Realtek Semiconductor Corp.: 6.0.9600.1", "Speakers (Realtek(R) Audio)", "Realtek Semiconductor Corp.: 6.0.9600.1"},
	{"Headset Microphone (Jabra Evolve2 65)", "Microsoft: 10.0.26100.1", "Headset Earphone (Jabra Evolve2 65)", "Microsoft: 10.0.26100.1"},
	{"Microphone (Poly Voyager Focus 2)", "Microsoft: 10.0.22621.4111", "Headphones (Poly Voyager Focus 2)", "Microsoft: 10.0.22621.4111"},
	{"Echo Cancelling Speakerphone (Jabra Speak2 75)", "Microsoft: 10.0.26100.1", "Echo Cancelling Speakerphone (Jabra Speak2 75)", "Microsoft: 10.0.26100.1"},
	{"Microphone Array (Intel\u00ae Smart Sound Technology for Digital Microphones)", "Intel Corporation: 10.29.0.9677", "Speakers (Realtek(R) Audio)", "Realtek Semiconductor Corp.: 6.0.9600.1"},
}

var macAudio = [...]audioDevice{
	{"MacBook Pro Microphone", "Apple Inc.: 15.3", "MacBook Pro Speakers", "Apple Inc.: 15.3"},
	{"AirPods Pro", "Apple Inc.: 15.3", "AirPods Pro", "Apple Inc.: 15.3"},
	{"Jabra Evolve2 75", "Apple Inc.: 15.3", "Jabra Evolve2 75", "Apple Inc.: 15.3"},
}

var webAudio = [...]audioDevice{{"Default", "", "Default", ""}}
var iosAudio = [...]audioDevice{{"iPhone Microphone", "", "Receiver", ""}, {"iPhone Microphone", "", "Speaker", ""}}
var androidAudio = [...]audioDevice{{"Built-in microphone", "", "Earpiece", ""}, {"Bluetooth headset", "", "Bluetooth headset", ""}}

var cameras = [...]string{"Integrated Camera", "Logitech BRIO", "FaceTime HD Camera", "Microsoft LifeCam HD-3000", "Surface Camera Front", "Front Camera"}

type wifiAdapter struct{ vendor, version string }

var wifiAdapters = [...]wifiAdapter{
	{"Intel(R) Wi-Fi 6E AX211 160MHz", "Intel:23.110.0.5"},
	{"Intel(R) Wi-Fi 6 AX201 160MHz", "Intel:22.250.1.2"},
	{"Intel(R) Wireless-AC 9560 160MHz", "Intel:22.200.0.6"},
	{"Qualcomm FastConnect 7800 Wi-Fi 7 High Band Simultaneous (HBS) Network Adapter", "Qualcomm:3.1.0.1254"},
	{"Realtek RTL8852BE WiFi 6 802.11ax PCIe Adapter", "Realtek:6001.16.151.0"},
}

var dnsSuffixes = [...]string{"corp.contoso.com", "emea.contoso.com", "home.arpa", "lan", "fritz.box", ""}
var wifiLinkSpeeds = [...]int64{72200000, 144400000, 300000000, 526500000, 866700000, 1201000000}
var areaCodes = [...]string{"206", "212", "303", "312", "415", "425", "512", "617", "702", "919"}
var failureReasons = [...]string{"MediaConnectivityErrors", "MediaTimeout", "NetworkConnectivityErrors", "UnexpectedClientError"}
var feedbackTokens = [...]string{"NoSound", "OtherNoSound", "Echo", "Noisy", "LowVolume", "Stopped", "DistortedSound", "Interruptions", "FrozenVideo", "PixelatedVideo"}
var ratings = [...]string{"excellent", "good", "fair", "poor", "bad"}
var sbcs = [...]string{"sbc1.contoso.com/Contoso-SBC/9.2.1", "sbc2.contoso.com/Contoso-SBC/9.2.1", "sbc-eu.contoso.com/Contoso-SBC/9.1.7"}
