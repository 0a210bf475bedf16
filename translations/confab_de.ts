<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AvatarImage</name>
    <message>
        <source>“%1” is too large (%2 × %3 pixels). Choose a smaller picture.</source>
        <translation>„%1“ ist zu groß (%2 × %3 Pixel). Wähle ein kleineres Bild.</translation>
    </message>
    <message>
        <source>“%1” could not be opened. Check that it is still there and that you may read it.</source>
        <translation>„%1“ konnte nicht geöffnet werden. Prüfe, ob die Datei noch vorhanden ist und ob du sie lesen darfst.</translation>
    </message>
    <message>
        <source>“%1” is not a picture. Choose a photo or an image file, such as PNG or JPEG.</source>
        <translation>„%1“ ist kein Bild. Wähle ein Foto oder eine Bilddatei, etwa PNG oder JPEG.</translation>
    </message>
    <message>
        <source>“%1” could not be read as a picture; it may be damaged. Choose another one.</source>
        <translation>„%1“ konnte nicht als Bild gelesen werden; die Datei ist vielleicht beschädigt. Wähle ein anderes Bild.</translation>
    </message>
    <message>
        <source>The picture is empty. Choose another one.</source>
        <translation>Das Bild ist leer. Wähle ein anderes.</translation>
    </message>
    <message>
        <source>The picture could not be made small enough to send. Choose another one.</source>
        <translation>Das Bild ließ sich nicht klein genug zum Senden machen. Wähle ein anderes.</translation>
    </message>
</context>
<context>
    <name>CallText</name>
    <message>
        <source>Calling…</source>
        <translation>Anrufen…</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>Klingelt…</translation>
    </message>
    <message>
        <source>Incoming call…</source>
        <translation>Eingehender Anruf…</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>Anruf beendet</translation>
    </message>
    <message>
        <source>%1 hung up</source>
        <translation>%1 hat aufgelegt</translation>
    </message>
    <message>
        <source>You declined the call</source>
        <translation>Du hast den Anruf abgelehnt</translation>
    </message>
    <message>
        <source>%1 declined</source>
        <translation>%1 hat abgelehnt</translation>
    </message>
    <message>
        <source>%1 is in another call</source>
        <translation>%1 ist in einem anderen Anruf</translation>
    </message>
    <message>
        <source>Call cancelled</source>
        <translation>Anruf abgebrochen</translation>
    </message>
    <message>
        <source>Missed call from %1</source>
        <translation>Verpasster Anruf von %1</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>%1&apos;s device did not respond</source>
        <translation>Das Gerät von %1 hat nicht reagiert</translation>
    </message>
    <message>
        <source>The connection to %1 was lost</source>
        <translation>Die Verbindung zu %1 ist abgebrochen</translation>
    </message>
    <message>
        <source>No audio arrived for too long</source>
        <translation>Zu lange kam kein Ton an</translation>
    </message>
    <message>
        <source>You called each other at once: joined %1&apos;s call</source>
        <translation>Ihr habt euch gleichzeitig angerufen: dem Anruf von %1 beigetreten</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are calling a room you are in</source>
        <translation>
            <numerusform>%1 und %n weitere Person rufen einen Raum an, in dem du bist</numerusform>
            <numerusform>%1 und %n weitere Personen rufen einen Raum an, in dem du bist</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 are calling a room you are in</source>
        <translation>%1 und %2 rufen einen Raum an, in dem du bist</translation>
    </message>
    <message>
        <source>%1 is calling a room you are in</source>
        <translation>%1 ruft einen Raum an, in dem du bist</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are calling the room “%2”</source>
        <translation>
            <numerusform>%1 und %n weitere Person rufen den Raum „%2“ an</numerusform>
            <numerusform>%1 und %n weitere Personen rufen den Raum „%2“ an</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 are calling the room “%3”</source>
        <translation>%1 und %2 rufen den Raum „%3“ an</translation>
    </message>
    <message>
        <source>%1 is calling the room “%2”</source>
        <translation>%1 ruft den Raum „%2“ an</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>wird verbunden</translation>
    </message>
    <message>
        <source>calling you</source>
        <translation>ruft dich an</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>klingelt</translation>
    </message>
    <message>
        <source>in the call</source>
        <translation>im Anruf</translation>
    </message>
    <message>
        <source>left</source>
        <translation>nicht mehr im Anruf</translation>
    </message>
    <message>
        <source>You left the call</source>
        <translation>Du hast den Anruf verlassen</translation>
    </message>
    <message>
        <source>Everyone else left the call</source>
        <translation>Alle anderen haben den Anruf verlassen</translation>
    </message>
    <message>
        <source>Nobody joined the call</source>
        <translation>Niemand ist dem Anruf beigetreten</translation>
    </message>
    <message>
        <source>Your microphone and speaker could not be opened: the call goes on without sound.</source>
        <translation>Dein Mikrofon und dein Lautsprecher konnten nicht geöffnet werden: Der Anruf läuft ohne Ton weiter.</translation>
    </message>
    <message>
        <source>Your microphone could not be opened: nobody in the call hears you, but you hear them.</source>
        <translation>Dein Mikrofon konnte nicht geöffnet werden: Niemand im Anruf hört dich, aber du hörst die anderen.</translation>
    </message>
    <message>
        <source>Your speaker could not be opened: you hear nobody in the call, but they hear you.</source>
        <translation>Dein Lautsprecher konnte nicht geöffnet werden: Von den anderen im Anruf hörst du nichts, aber sie hören dich.</translation>
    </message>
    <message>
        <source>%1 · %2 in the call</source>
        <translation>%1 · %2 im Anruf</translation>
    </message>
</context>
<context>
    <name>Calls</name>
    <message>
        <source>You cannot call yourself.</source>
        <translation>Du kannst dich nicht selbst anrufen.</translation>
    </message>
    <message>
        <source>Another call is in progress: hang it up first.</source>
        <translation>Es läuft bereits ein anderer Anruf: Beende ihn zuerst.</translation>
    </message>
    <message>
        <source>%1 is not connected: a call needs the peer online.</source>
        <translation>%1 ist nicht verbunden: Für einen Anruf muss der Kontakt online sein.</translation>
    </message>
    <message>
        <source>%1 runs a version of Confab without calls.</source>
        <translation>%1 verwendet eine Version von Confab ohne Anrufe.</translation>
    </message>
    <message>
        <source>Calls are unavailable: this node has no UDP port for them.</source>
        <translation>Anrufe sind nicht verfügbar: Dieser Knoten hat keinen UDP-Port dafür.</translation>
    </message>
    <message>
        <source>You are not a member of that room.</source>
        <translation>Du bist kein Mitglied dieses Raums.</translation>
    </message>
    <message>
        <source>You are in this room&apos;s call already.</source>
        <translation>Du bist bereits im Anruf dieses Raums.</translation>
    </message>
    <message>
        <source>Nobody else in the room is online to call.</source>
        <translation>Niemand sonst im Raum ist online, den du anrufen könntest.</translation>
    </message>
    <message>
        <source>There is no %1 call with %2.</source>
        <translation>Mit %2 gibt es keinen Anruf im Zustand „%1“.</translation>
    </message>
    <message>
        <source>There is no %1 call.</source>
        <translation>Es gibt keinen Anruf im Zustand „%1“.</translation>
    </message>
    <message>
        <source>There are %1 %2 calls: name the peer.</source>
        <translation>Es gibt %1 Anrufe im Zustand „%2“: Gib den Kontakt an.</translation>
    </message>
    <message>
        <source>Cannot open a UDP port for calls on %1: %2</source>
        <translation>Für Anrufe kann auf %1 kein UDP-Port geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The microphone could not be opened: %1</source>
        <translation>Das Mikrofon konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The microphone (%1) stopped working during the test.</source>
        <translation>Das Mikrofon (%1) hat während des Tests aufgehört zu funktionieren.</translation>
    </message>
    <message>
        <source>No audio arrived from the microphone (%1).</source>
        <translation>Vom Mikrofon (%1) kam kein Ton an.</translation>
    </message>
    <message>
        <source>The microphone (%1) opened but captured only silence: is it muted or turned down?</source>
        <translation>Das Mikrofon (%1) wurde geöffnet, hat aber nur Stille aufgenommen: Ist es stummgeschaltet oder leise gedreht?</translation>
    </message>
    <message>
        <source>The microphone works (%1): the loudest sound reached %2 dBFS.</source>
        <translation>Das Mikrofon funktioniert (%1): Das lauteste Geräusch erreichte %2 dBFS.</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <source>The message is too long (%1 bytes; at most %2). Send it in parts or as a file.</source>
        <translation>Die Nachricht ist zu lang (%1 Bytes; höchstens %2). Sende sie in Teilen oder als Datei.</translation>
    </message>
    <message>
        <source>The message to reply to is not in this conversation.</source>
        <translation>Die Nachricht, auf die du antworten willst, ist nicht in dieser Unterhaltung.</translation>
    </message>
    <message>
        <source>That message was deleted; it cannot be quoted.</source>
        <translation>Diese Nachricht wurde gelöscht; sie kann nicht zitiert werden.</translation>
    </message>
    <message>
        <source>You cannot send a message to yourself.</source>
        <translation>Du kannst dir selbst keine Nachricht senden.</translation>
    </message>
    <message>
        <source>The message could not be saved; nothing was sent. Check the disk space.</source>
        <translation>Die Nachricht konnte nicht gespeichert werden; es wurde nichts gesendet. Prüfe den freien Speicherplatz.</translation>
    </message>
    <message>
        <source>A reaction is one emoji, such as 👍.</source>
        <translation>Eine Reaktion ist ein einzelnes Emoji, etwa 👍.</translation>
    </message>
    <message>
        <source>There is no message with that id.</source>
        <translation>Es gibt keine Nachricht mit dieser ID.</translation>
    </message>
    <message>
        <source>That message was deleted; there is nothing to react to.</source>
        <translation>Diese Nachricht wurde gelöscht; es gibt nichts, worauf du reagieren kannst.</translation>
    </message>
    <message>
        <source>That message was deleted already.</source>
        <translation>Diese Nachricht wurde bereits gelöscht.</translation>
    </message>
    <message>
        <source>Only your own messages can be edited.</source>
        <translation>Nur eigene Nachrichten können bearbeitet werden.</translation>
    </message>
    <message>
        <source>Only your own messages can be deleted.</source>
        <translation>Nur eigene Nachrichten können gelöscht werden.</translation>
    </message>
    <message>
        <source>The change could not be saved; nothing was sent. Check the disk space.</source>
        <translation>Die Änderung konnte nicht gespeichert werden; es wurde nichts gesendet. Prüfe den freien Speicherplatz.</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>avahi-daemon went away (%1); waiting for it to return</source>
        <translation>avahi-daemon ist nicht mehr erreichbar (%1); warte auf seine Rückkehr</translation>
    </message>
    <message>
        <source>cannot reconnect to avahi-daemon: %1</source>
        <translation>keine erneute Verbindung zu avahi-daemon möglich: %1</translation>
    </message>
    <message>
        <source>cannot browse with avahi: %1</source>
        <translation>Suche mit Avahi nicht möglich: %1</translation>
    </message>
    <message>
        <source>cannot publish with avahi: %1</source>
        <translation>Veröffentlichen mit Avahi nicht möglich: %1</translation>
    </message>
    <message>
        <source>avahi could not publish our service: %1</source>
        <translation>Avahi konnte unseren Dienst nicht veröffentlichen: %1</translation>
    </message>
    <message>
        <source>avahi browsing failed: %1</source>
        <translation>Suche mit Avahi fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Built-in mDNS cannot start: %1. Use --discovery off and --peer.</source>
        <translation>Das integrierte mDNS kann nicht starten: %1. Verwende --discovery off und --peer.</translation>
    </message>
    <message>
        <source>Discovery is off: Confab finds only peers added by address, peers it has met before and peers that linked ones tell it about.</source>
        <translation>Die Erkennung ist aus: Confab findet nur Kontakte, die per Adresse hinzugefügt wurden, Kontakte, die es schon kennt, und Kontakte, die ihm verbundene Kontakte nennen.</translation>
    </message>
    <message>
        <source>Using built-in mDNS discovery.</source>
        <translation>Verwende die integrierte mDNS-Erkennung.</translation>
    </message>
    <message>
        <source>Cannot use avahi-daemon: %1. Start it, or use --discovery embedded.</source>
        <translation>avahi-daemon kann nicht verwendet werden: %1. Starte ihn oder verwende --discovery embedded.</translation>
    </message>
    <message>
        <source>Using avahi-daemon for discovery.</source>
        <translation>Verwende avahi-daemon für die Erkennung.</translation>
    </message>
    <message>
        <source>No mDNS daemon running (%1) — using built-in discovery.</source>
        <translation>Kein mDNS-Dienst aktiv (%1) — verwende die integrierte Erkennung.</translation>
    </message>
    <message>
        <source>no network interface that can multicast is up</source>
        <translation>keine multicastfähige Netzwerkschnittstelle ist aktiv</translation>
    </message>
    <message>
        <source>cannot open UDP port %1 for mDNS: %2</source>
        <translation>UDP-Port %1 für mDNS kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid address: %2. Use HOST:PORT, for example 192.168.1.20:42042 or [fe80::1]:42042.</source>
        <translation>„%1“ ist keine gültige Adresse: %2. Verwende HOST:PORT, zum Beispiel 192.168.1.20:42042 oder [fe80::1]:42042.</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>sie ist leer</translation>
    </message>
    <message>
        <source>the IPv6 address has no closing &apos;]&apos;</source>
        <translation>der IPv6-Adresse fehlt die schließende &apos;]&apos;</translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after &apos;]&apos;</source>
        <translation>nach &apos;]&apos; wurde &apos;:&apos; erwartet</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv6 address</source>
        <translation>„%1“ ist keine IPv6-Adresse</translation>
    </message>
    <message>
        <source>put an IPv6 address in brackets</source>
        <translation>setze eine IPv6-Adresse in eckige Klammern</translation>
    </message>
    <message>
        <source>the host is missing</source>
        <translation>der Host fehlt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither an IP address nor a host name</source>
        <translation>„%1“ ist weder eine IP-Adresse noch ein Hostname</translation>
    </message>
    <message>
        <source>the port must be a number from 0 to 65535</source>
        <translation>der Port muss eine Zahl von 0 bis 65535 sein</translation>
    </message>
    <message>
        <source>Cannot listen on &apos;%1&apos;: give an IP address of this machine (or 0.0.0.0 for all).</source>
        <translation>Auf „%1“ kann nicht gelauscht werden: Gib eine IP-Adresse dieses Computers an (oder 0.0.0.0 für alle).</translation>
    </message>
    <message>
        <source>Port %1 is in use — using %2 instead</source>
        <translation>Port %1 ist belegt — verwende stattdessen %2</translation>
    </message>
    <message>
        <source>Port %1 is in use. Choose another with --listen ADDR:PORT, or port 0 for any free port.</source>
        <translation>Port %1 ist belegt. Wähle mit --listen ADDR:PORT einen anderen, oder Port 0 für einen beliebigen freien Port.</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>Auf %1 kann nicht gelauscht werden: %2</translation>
    </message>
</context>
<context>
    <name>Node</name>
    <message>
        <source>Name the peer to call.</source>
        <translation>Gib den Kontakt an, den du anrufen willst.</translation>
    </message>
    <message>
        <source>Name the peer of the room call.</source>
        <translation>Gib den Kontakt im Gruppenanruf an.</translation>
    </message>
    <message>
        <source>This contact text is too long to be one. Copy it again from the other person&apos;s &quot;My Address&quot; window.</source>
        <translation>Dieser Text ist zu lang für einen Kontakttext. Kopiere ihn erneut aus dem Fenster „Meine Adresse“ der anderen Person.</translation>
    </message>
    <message>
        <source>This is not contact text from Confab: it starts with &quot;confab:&quot;.</source>
        <translation>Das ist kein Kontakttext von Confab: Kontakttexte beginnen mit „confab:“.</translation>
    </message>
    <message>
        <source>The ID in this contact text is damaged. Copy it again, whole.</source>
        <translation>Die ID in diesem Kontakttext ist beschädigt. Kopiere den Kontakttext erneut und vollständig.</translation>
    </message>
    <message>
        <source>The fingerprint in this contact text is missing or damaged. Copy it again, whole.</source>
        <translation>Der Fingerabdruck in diesem Kontakttext fehlt oder ist beschädigt. Kopiere den Kontakttext erneut und vollständig.</translation>
    </message>
    <message>
        <source>The name in this contact text is too long.</source>
        <translation>Der Name in diesem Kontakttext ist zu lang.</translation>
    </message>
    <message>
        <source>This contact text has no address to reach its owner at.</source>
        <translation>Dieser Kontakttext enthält keine Adresse, unter der sein Besitzer erreichbar ist.</translation>
    </message>
    <message>
        <source>This contact text has too many addresses.</source>
        <translation>Dieser Kontakttext enthält zu viele Adressen.</translation>
    </message>
    <message>
        <source>An address in this contact text cannot be used: %1</source>
        <translation>Eine Adresse in diesem Kontakttext kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Unknown status &apos;%1&apos;: use available, away or busy.</source>
        <translation>Unbekannter Status „%1“: Verwende available, away oder busy.</translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2.</source>
        <translation>„%1“ kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is empty: choose a PNG or JPEG picture.</source>
        <translation>„%1“ ist leer: Wähle ein PNG- oder JPEG-Bild.</translation>
    </message>
    <message>
        <source>--limit must be between 1 and %1.</source>
        <translation>--limit muss zwischen 1 und %1 liegen.</translation>
    </message>
    <message>
        <source>Not a message id: &apos;%1&apos;. A message id is 32 hex digits, as &apos;confabctl --json history PEER&apos; shows them.</source>
        <translation>Keine Nachrichten-ID: „%1“. Eine Nachrichten-ID besteht aus 32 Hexadezimalziffern, wie „confabctl --json history PEER“ sie anzeigt.</translation>
    </message>
    <message>
        <source>A reaction needs an emoji, such as 👍, or &quot;&quot; to take yours back.</source>
        <translation>Eine Reaktion braucht ein Emoji, etwa 👍, oder &quot;&quot;, um deine zurückzunehmen.</translation>
    </message>
    <message>
        <source>Unknown format &apos;%1&apos;: use text or html.</source>
        <translation>Unbekanntes Format „%1“: Verwende text oder html.</translation>
    </message>
    <message>
        <source>Unknown command &apos;%1&apos;.</source>
        <translation>Unbekannter Befehl „%1“.</translation>
    </message>
    <message>
        <source>Cannot open the control socket %1: %2</source>
        <translation>Der Steuer-Socket %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Request is not a JSON object: %1</source>
        <translation>Die Anfrage ist kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>This connection is already waiting for a message.</source>
        <translation>Diese Verbindung wartet bereits auf eine Nachricht.</translation>
    </message>
    <message>
        <source>No message arrived in time.</source>
        <translation>Innerhalb der Wartezeit ist keine Nachricht angekommen.</translation>
    </message>
    <message>
        <source>This connection is already waiting for a transfer.</source>
        <translation>Diese Verbindung wartet bereits auf eine Übertragung.</translation>
    </message>
    <message>
        <source>The transfer did not end in time.</source>
        <translation>Die Übertragung wurde nicht innerhalb der Wartezeit beendet.</translation>
    </message>
    <message>
        <source>The transfer was %1.</source>
        <translation>Die Übertragung endete mit dem Status „%1“.</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 Nachricht</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 Nachrichten</translation>
    </message>
    <message>
        <source>(message deleted)</source>
        <translation>(Nachricht gelöscht)</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (bearbeitet)</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
    <message>
        <source>Conversation between %1 and %2</source>
        <translation>Unterhaltung zwischen %1 und %2</translation>
    </message>
    <message>
        <source>%1, exported %2 (times in %3)</source>
        <translation>%1, exportiert am %2 (Zeiten in %3)</translation>
    </message>
    <message>
        <source>%1&apos;s ID: %2</source>
        <translation>ID von %1: %2</translation>
    </message>
    <message>
        <source>(in reply to %1)</source>
        <translation>(Antwort auf %1)</translation>
    </message>
    <message>
        <source>(reactions: %1)</source>
        <translation>(Reaktionen: %1)</translation>
    </message>
    <message>
        <source>%1&apos;s ID: &lt;code&gt;%2&lt;/code&gt;</source>
        <translation>ID von %1: &lt;code&gt;%2&lt;/code&gt;</translation>
    </message>
    <message>
        <source>a message not in this conversation</source>
        <translation>eine Nachricht, die nicht in dieser Unterhaltung ist</translation>
    </message>
    <message>
        <source>a deleted message</source>
        <translation>eine gelöschte Nachricht</translation>
    </message>
    <message>
        <source>%1 (not sent yet)</source>
        <translation>%1 (noch nicht gesendet)</translation>
    </message>
    <message>
        <source>The display name is empty: peers would see only your ID.</source>
        <translation>Der Anzeigename ist leer: Kontakte würden nur deine ID sehen.</translation>
    </message>
    <message>
        <source>The display name is too long: at most %1 bytes of UTF-8 (accented letters take two, emoji four).</source>
        <translation>Der Anzeigename ist zu lang: höchstens %1 Bytes UTF-8 (Umlaute und Buchstaben mit Akzent belegen zwei, Emojis vier).</translation>
    </message>
    <message>
        <source>The microphone test stopped: a call started.</source>
        <translation>Der Mikrofontest wurde beendet: Ein Anruf hat begonnen.</translation>
    </message>
    <message>
        <source>Your name is “%1” for this run, as given with --name; the saved name “%2” applies when Confab starts without it.</source>
        <translation>Dein Name ist in dieser Sitzung „%1“, wie mit --name angegeben; der gespeicherte Name „%2“ gilt, wenn Confab ohne diese Option startet.</translation>
    </message>
    <message>
        <source>The node is shutting down.</source>
        <translation>Der Knoten wird beendet.</translation>
    </message>
    <message>
        <source>Our own mDNS announcements never came back: multicast looks blocked on this host (a firewall dropping UDP 5353?). Allow UDP port 5353 and 224.0.0.251, or add peers by their address.</source>
        <translation>Unsere eigenen mDNS-Ankündigungen kamen nie zurück: Multicast scheint auf diesem Rechner blockiert zu sein (verwirft eine Firewall UDP 5353?). Erlaube UDP-Port 5353 und 224.0.0.251 oder füge Kontakte über ihre Adresse hinzu.</translation>
    </message>
    <message>
        <source>mDNS finds nobody while %1 peer(s) are linked by address: multicast looks blocked on the network (Wi-Fi client isolation or a firewall). Allow UDP port 5353 and 224.0.0.251, or keep adding peers by their address.</source>
        <translation>mDNS findet niemanden, obwohl %1 Kontakt(e) über ihre Adresse verbunden sind: Multicast scheint im Netzwerk blockiert zu sein (WLAN-Client-Isolation oder eine Firewall). Erlaube UDP-Port 5353 und 224.0.0.251 oder füge Kontakte weiterhin über ihre Adresse hinzu.</translation>
    </message>
    <message>
        <source>That file is not a PNG or JPEG picture. Choose a picture saved as PNG or JPEG.</source>
        <translation>Diese Datei ist kein PNG- oder JPEG-Bild. Wähle ein Bild, das als PNG oder JPEG gespeichert ist.</translation>
    </message>
    <message>
        <source>The picture is larger than %1 KB, the most peers take. Choose it in the window&apos;s Settings, which shrinks it, or make it %2×%2 pixels first.</source>
        <translation>Das Bild ist größer als %1 KB, das Höchste, was Kontakte annehmen. Wähle es im Confab-Fenster unter Einstellungen, dort wird es verkleinert, oder bringe es vorher auf %2×%2 Pixel.</translation>
    </message>
    <message>
        <source>Cannot save the picture: the profile&apos;s database refused it. Is the disk full?</source>
        <translation>Das Bild kann nicht gespeichert werden: Die Datenbank des Profils hat es abgelehnt. Ist der Datenträger voll?</translation>
    </message>
    <message>
        <source>Calls are unavailable on this node.</source>
        <translation>Auf diesem Knoten sind keine Anrufe möglich.</translation>
    </message>
    <message>
        <source>they cannot be called</source>
        <translation>kann dieser Kontakt nicht angerufen werden</translation>
    </message>
    <message>
        <source>A call is using the sound card: its level meter shows your microphone.</source>
        <translation>Ein Anruf verwendet die Soundkarte: Die Pegelanzeige des Anrufs zeigt dein Mikrofon.</translation>
    </message>
    <message>
        <source>This is not a Confab identity backup, or it is damaged. Choose the file that &quot;Back up&quot; saved.</source>
        <translation>Das ist keine Confab-Identitätssicherung, oder sie ist beschädigt. Wähle die Datei, die mit „Sichern“ gespeichert wurde.</translation>
    </message>
    <message>
        <source>This backup asks for more work than Confab allows, so it was not opened. It was altered, or made by a newer Confab: restore it there.</source>
        <translation>Diese Sicherung verlangt mehr Rechenaufwand, als Confab zulässt, daher wurde sie nicht geöffnet. Sie wurde verändert oder von einer neueren Confab-Version erstellt: Stelle sie dort wieder her.</translation>
    </message>
    <message>
        <source>The passphrase does not open this backup. Check it and try again; capitals, spaces and punctuation count.</source>
        <translation>Diese Passphrase öffnet die Sicherung nicht. Prüfe sie und versuche es erneut; Groß- und Kleinschreibung, Leerzeichen und Satzzeichen zählen.</translation>
    </message>
    <message>
        <source>There is not enough free memory for the passphrase&apos;s work (a few hundred MiB). Close other programs and try again.</source>
        <translation>Für die Verarbeitung der Passphrase ist nicht genug freier Arbeitsspeicher vorhanden (einige hundert MiB). Schließe andere Programme und versuche es erneut.</translation>
    </message>
    <message>
        <source>A backup or restore is still running. Try again when it has finished.</source>
        <translation>Eine Sicherung oder Wiederherstellung läuft noch. Versuche es erneut, wenn sie abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least %1 characters. A few unrelated words are easy to remember and hard to guess.</source>
        <translation>Wähle eine Passphrase mit mindestens %1 Zeichen. Ein paar zusammenhanglose Wörter sind leicht zu merken und schwer zu erraten.</translation>
    </message>
    <message>
        <source>nothing can be sent to them</source>
        <translation>kann diesem Kontakt nichts gesendet werden</translation>
    </message>
    <message>
        <source>Type a word to search for.</source>
        <translation>Gib ein Wort ein, nach dem gesucht werden soll.</translation>
    </message>
    <message>
        <source>The search failed; the message database may be damaged (see the log).</source>
        <translation>Die Suche ist fehlgeschlagen; die Nachrichtendatenbank ist möglicherweise beschädigt (siehe Protokoll).</translation>
    </message>
    <message>
        <source>There is no conversation with that peer: it is not known here.</source>
        <translation>Es gibt keine Unterhaltung mit diesem Kontakt: Er ist hier nicht bekannt.</translation>
    </message>
    <message>
        <source>No peer %1 is known here. Run &apos;confabctl peers&apos; to list known peers.</source>
        <translation>Hier ist kein Kontakt %1 bekannt. Führe „confabctl peers“ aus, um die bekannten Kontakte aufzulisten.</translation>
    </message>
    <message>
        <source>%1 is blocked, so %2. To unblock them, choose Unblock in the Peer menu, or run: confabctl unblock %3</source>
        <translation>%1 ist blockiert, daher %2. Um die Blockierung aufzuheben, wähle „Blockierung aufheben“ im Menü „Kontakt“ oder führe aus: confabctl unblock %3</translation>
    </message>
    <message>
        <source>The nickname is too long: at most %1 bytes of UTF-8 (accented letters take two, emoji four).</source>
        <translation>Der Spitzname ist zu lang: höchstens %1 Bytes UTF-8 (Umlaute und Buchstaben mit Akzent belegen zwei, Emojis vier).</translation>
    </message>
    <message>
        <source>Cannot save the nickname in the profile %1.</source>
        <translation>Der Spitzname kann nicht im Profil %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>That is this node&apos;s own ID: it cannot block itself.</source>
        <translation>Das ist die eigene ID dieses Knotens: Er kann sich nicht selbst blockieren.</translation>
    </message>
    <message>
        <source>Cannot save the block in the profile %1; nothing changed.</source>
        <translation>Die Blockierung kann nicht im Profil %1 gespeichert werden; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Cannot save the change in the profile %1; the peer stays blocked.</source>
        <translation>Die Änderung kann nicht im Profil %1 gespeichert werden; der Kontakt bleibt blockiert.</translation>
    </message>
    <message>
        <source>That is this node&apos;s own ID: it cannot remove itself.</source>
        <translation>Das ist die eigene ID dieses Knotens: Er kann sich nicht selbst entfernen.</translation>
    </message>
    <message>
        <source>Cannot remove the peer: the profile&apos;s database refused the change, so nothing was removed. Is the disk full?</source>
        <translation>Der Kontakt kann nicht entfernt werden: Die Datenbank des Profils hat die Änderung abgelehnt, daher wurde nichts entfernt. Ist der Datenträger voll?</translation>
    </message>
    <message>
        <source>The computer answers, but nothing there takes Confab connections: Confab is not running on it, or listens on another port.</source>
        <translation>Der Computer antwortet, aber dort nimmt nichts Confab-Verbindungen an: Confab läuft dort nicht oder lauscht auf einem anderen Port.</translation>
    </message>
    <message>
        <source>No answer: the computer may be off or on another network, or a firewall blocks the port.</source>
        <translation>Keine Antwort: Der Computer ist vielleicht ausgeschaltet oder in einem anderen Netzwerk, oder eine Firewall blockiert den Port.</translation>
    </message>
    <message>
        <source>No computer with that name was found on the network.</source>
        <translation>Im Netzwerk wurde kein Computer mit diesem Namen gefunden.</translation>
    </message>
    <message>
        <source>This computer cannot reach that network: is it connected?</source>
        <translation>Dieser Computer kann dieses Netzwerk nicht erreichen: Ist er verbunden?</translation>
    </message>
    <message>
        <source>The other side closed the connection before it was set up.</source>
        <translation>Die Gegenseite hat die Verbindung geschlossen, bevor sie aufgebaut war.</translation>
    </message>
    <message>
        <source>Something answered, but not a Confab this version can talk to.</source>
        <translation>Etwas hat geantwortet, aber kein Confab, mit dem diese Version kommunizieren kann.</translation>
    </message>
    <message>
        <source>This computer has as many links open as Confab allows.</source>
        <translation>Dieser Computer hat bereits so viele Verbindungen offen, wie Confab zulässt.</translation>
    </message>
    <message>
        <source>The connection failed (%1).</source>
        <translation>Die Verbindung ist fehlgeschlagen (%1).</translation>
    </message>
    <message>
        <source>No peer given.</source>
        <translation>Kein Kontakt angegeben.</translation>
    </message>
    <message>
        <source>Unknown peer &apos;%1&apos;. Run &apos;confabctl peers&apos; to list known peers.</source>
        <translation>Unbekannter Kontakt „%1“. Führe „confabctl peers“ aus, um die bekannten Kontakte aufzulisten.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; matches %2 peers (%3); give more of the ID.</source>
        <translation>„%1“ passt auf %2 Kontakte (%3); gib mehr von der ID an.</translation>
    </message>
    <message>
        <source>This is your own contact text: give it to whoever wants to add you.</source>
        <translation>Das ist dein eigener Kontakttext: Gib ihn allen, die dich hinzufügen wollen.</translation>
    </message>
    <message>
        <source>No key is known for %1 yet: connect to it once first.</source>
        <translation>Für %1 ist noch kein Schlüssel bekannt: Verbinde dich zuerst einmal mit diesem Kontakt.</translation>
    </message>
    <message>
        <source>Unknown discovery mode &apos;%1&apos;: use auto, avahi, embedded or off.</source>
        <translation>Unbekannter Erkennungsmodus „%1“: Verwende auto, avahi, embedded oder off.</translation>
    </message>
    <message>
        <source>The download folder must be a full path, such as %1.</source>
        <translation>Der Download-Ordner muss ein vollständiger Pfad sein, etwa %1.</translation>
    </message>
    <message>
        <source>The storage for others must be from %1 to %2 MiB (not %3).</source>
        <translation>Der Speicher für andere muss zwischen %1 und %2 MiB liegen (nicht %3).</translation>
    </message>
    <message>
        <source>The speed for others&apos; files must be from 0 (none passed on) to %1 KiB/s (not %2).</source>
        <translation>Die Geschwindigkeit für Dateien anderer muss zwischen 0 (nichts weiterleiten) und %1 KiB/s liegen (nicht %2).</translation>
    </message>
    <message>
        <source>Away after idle must be from 0 (never) to %1 minutes (not %2).</source>
        <translation>„Abwesend nach“ muss zwischen 0 (nie) und %1 Minuten liegen (nicht %2).</translation>
    </message>
    <message>
        <source>Cannot write the settings to the profile folder %1.</source>
        <translation>Die Einstellungen können nicht in den Profilordner %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>You are in every room you make or join already.</source>
        <translation>Du bist bereits in jedem Raum, den du erstellst oder dem du beitrittst.</translation>
    </message>
    <message>
        <source>they cannot be added to a room</source>
        <translation>kann dieser Kontakt keinem Raum hinzugefügt werden</translation>
    </message>
    <message>
        <source>%1 has not been met yet: Confab adds to a room only peers it has linked to or heard of through a relay.</source>
        <translation>%1 ist noch unbekannt: Confab fügt einem Raum nur Kontakte hinzu, mit denen es verbunden war oder von denen es über ein Relais erfahren hat.</translation>
    </message>
    <message>
        <source>%1 runs a version of Confab without rooms; they need to update first.</source>
        <translation>%1 verwendet eine Confab-Version ohne Räume; der Kontakt muss Confab zuerst aktualisieren.</translation>
    </message>
    <message>
        <source>The room could not be found.</source>
        <translation>Der Raum wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The drop could not be found after it was made.</source>
        <translation>Die Dateiübertragung wurde nach dem Anlegen nicht gefunden.</translation>
    </message>
    <message>
        <source>No transfer has the id &apos;%1&apos;.</source>
        <translation>Es gibt keine Übertragung mit der ID „%1“.</translation>
    </message>
    <message>
        <source>rename needs a nickname (&quot;&quot; clears it).</source>
        <translation>rename braucht einen Spitznamen (&quot;&quot; löscht ihn).</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cannot save the backup in %1: %2</source>
        <translation>Die Sicherung kann nicht in %1 gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>ReactionText</name>
    <message>
        <source>%1 %2</source>
        <extracomment>A reaction chip under a message both sides chose: &quot;👍 2&quot;.
----------
One reaction in &quot;Reactions: you 👍, Bob 😂&quot;: the peer&apos;s name, then the emoji.</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>you %1</source>
        <extracomment>One reaction in &quot;Reactions: you 👍, Bob 😂&quot;.</extracomment>
        <translation>du %1</translation>
    </message>
    <message>
        <source>Reactions: %1</source>
        <translation>Reaktionen: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>RoomText</name>
    <message>
        <source>You created the room “%1”</source>
        <translation>Du hast den Raum „%1“ erstellt</translation>
    </message>
    <message>
        <source>%1 created the room “%2”</source>
        <translation>%1 hat den Raum „%2“ erstellt</translation>
    </message>
    <message>
        <source>You renamed the room to “%1”</source>
        <translation>Du hast den Raum in „%1“ umbenannt</translation>
    </message>
    <message>
        <source>%1 renamed the room to “%2”</source>
        <translation>%1 hat den Raum in „%2“ umbenannt</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>Du hast %1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 added you</source>
        <translation>%1 hat dich hinzugefügt</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 hat %2 hinzugefügt</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Du hast %1 entfernt</translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation>%1 hat dich entfernt</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 hat %2 entfernt</translation>
    </message>
    <message>
        <source>You left</source>
        <translation>Du hast den Raum verlassen</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 hat den Raum verlassen</translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation>Du hast %1 zum Admin gemacht</translation>
    </message>
    <message>
        <source>%1 made you an admin</source>
        <translation>%1 hat dich zum Admin gemacht</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 hat %2 zum Admin gemacht</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>read by all</source>
        <translation>von allen gelesen</translation>
    </message>
    <message>
        <source>read by %1 of %2</source>
        <translation>gelesen: %1 von %2</translation>
    </message>
    <message>
        <source>delivered to %1 of %2</source>
        <translation>zugestellt: %1 von %2</translation>
    </message>
    <message>
        <source>Read by: %1</source>
        <translation>Gelesen von: %1</translation>
    </message>
    <message>
        <source>Delivered to: %1</source>
        <translation>Zugestellt an: %1</translation>
    </message>
    <message>
        <source>Not yet with: %1</source>
        <translation>Noch nicht bei: %1</translation>
    </message>
</context>
<context>
    <name>Rooms</name>
    <message>
        <source>A room needs a name.</source>
        <translation>Ein Raum braucht einen Namen.</translation>
    </message>
    <message>
        <source>A room&apos;s name can be at most %1 bytes long.</source>
        <translation>Der Name eines Raums darf höchstens %1 Byte lang sein.</translation>
    </message>
    <message>
        <source>A room&apos;s name cannot contain control characters.</source>
        <translation>Der Name eines Raums darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>You are not a member of this room.</source>
        <translation>Du bist kein Mitglied dieses Raums.</translation>
    </message>
    <message>
        <source>Only an admin of the room can do that.</source>
        <translation>Das kann nur ein Admin des Raums.</translation>
    </message>
    <message>
        <source>The room is full: it has %1 members.</source>
        <translation>Der Raum ist voll: Er hat %1 Mitglieder.</translation>
    </message>
    <message>
        <source>That peer is already a member of the room.</source>
        <translation>Dieser Kontakt ist bereits Mitglied des Raums.</translation>
    </message>
    <message>
        <source>That peer is not a member of the room.</source>
        <translation>Dieser Kontakt ist kein Mitglied des Raums.</translation>
    </message>
    <message>
        <source>That member is already an admin.</source>
        <translation>Dieses Mitglied ist bereits Admin.</translation>
    </message>
    <message>
        <source>The room already has that name.</source>
        <translation>Der Raum hat diesen Namen bereits.</translation>
    </message>
    <message>
        <source>That change would do nothing.</source>
        <translation>Diese Änderung würde nichts bewirken.</translation>
    </message>
    <message>
        <source>This node is in %1 rooms already; leave one first.</source>
        <translation>Dieser Knoten ist bereits in %1 Räumen; verlasse zuerst einen davon.</translation>
    </message>
    <message>
        <source>A room can have at most %1 members.</source>
        <translation>Ein Raum kann höchstens %1 Mitglieder haben.</translation>
    </message>
    <message>
        <source>Could not create the room.</source>
        <translation>Der Raum konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Could not save the room.</source>
        <translation>Der Raum konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>No such room.</source>
        <translation>Diesen Raum gibt es nicht.</translation>
    </message>
    <message>
        <source>You are no longer a member of this room.</source>
        <translation>Du bist kein Mitglied dieses Raums mehr.</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <source>The message is too long: at most %1 bytes.</source>
        <translation>Die Nachricht ist zu lang: höchstens %1 Byte.</translation>
    </message>
    <message>
        <source>Could not save the room&apos;s key.</source>
        <translation>Der Schlüssel des Raums konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Could not save the message.</source>
        <translation>Die Nachricht konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Several rooms match &quot;%1&quot;; use more of the room&apos;s id (`confabctl rooms` lists them).</source>
        <translation>Mehrere Räume passen zu „%1“; gib mehr von der ID des Raums an (`confabctl rooms` listet sie auf).</translation>
    </message>
    <message>
        <source>No room called &quot;%1&quot;; `confabctl rooms` lists the rooms.</source>
        <translation>Es gibt keinen Raum namens „%1“; `confabctl rooms` listet die Räume auf.</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot configure the database %1</source>
        <translation>Die Datenbank %1 kann nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>Cannot read the database schema version.</source>
        <translation>Die Schemaversion der Datenbank kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>This profile was written by a newer Confab (schema %1, this build knows %2). Update Confab to open it.</source>
        <translation>Dieses Profil wurde von einer neueren Confab-Version geschrieben (Schema %1, diese Version kennt %2). Aktualisiere Confab, um es zu öffnen.</translation>
    </message>
    <message>
        <source>Database migration to schema %1 failed.</source>
        <translation>Die Migration der Datenbank auf Schema %1 ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Cannot create the profile folder %1. Check that its parent exists and is writable.</source>
        <translation>Der Profilordner %1 kann nicht erstellt werden. Prüfe, ob der übergeordnete Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <source>Cannot lock the profile %1 (%2). Check that the folder is writable.</source>
        <translation>Das Profil %1 kann nicht gesperrt werden (%2). Prüfe, ob der Ordner beschreibbar ist.</translation>
    </message>
    <message>
        <source>The profile %1 is already in use%2. Stop that Confab first, or use another --profile.</source>
        <translation>Das Profil %1 wird bereits verwendet%2. Beende zuerst die andere Confab-Instanz oder verwende ein anderes --profile.</translation>
    </message>
    <message>
        <source> (process %1)</source>
        <translation> (Prozess %1)</translation>
    </message>
    <message>
        <source>The identity key %1 is damaged or unreadable. Restore it from a backup, or move the profile away to start a new identity.</source>
        <translation>Der Identitätsschlüssel %1 ist beschädigt oder unlesbar. Stelle ihn aus einer Sicherung wieder her oder verschiebe das Profil, um mit einer neuen Identität zu beginnen.</translation>
    </message>
    <message>
        <source>Cannot write the identity key to %1.</source>
        <translation>Der Identitätsschlüssel kann nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot write the restored key in %1. Check that the folder is writable and the disk is not full.</source>
        <translation>Der wiederhergestellte Schlüssel kann nicht in %1 geschrieben werden. Prüfe, ob der Ordner beschreibbar und der Datenträger nicht voll ist.</translation>
    </message>
    <message>
        <source>Cannot put the restored key in place in %1 (%2). The profile keeps its key.</source>
        <translation>Der wiederhergestellte Schlüssel kann in %1 nicht eingesetzt werden (%2). Das Profil behält seinen bisherigen Schlüssel.</translation>
    </message>
</context>
<context>
    <name>TransferText</name>
    <message>
        <source>The peer</source>
        <translation>Der Kontakt</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n Ordner</numerusform>
            <numerusform>%n Ordner</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 und %n weitere</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>You send %1 %2</source>
        <translation>Du sendest %1 %2</translation>
    </message>
    <message>
        <source>%1 sends you %2</source>
        <translation>%1 sendet dir %2</translation>
    </message>
    <message>
        <source>✓ From a verified contact</source>
        <translation>✓ Von einem verifizierten Kontakt</translation>
    </message>
    <message>
        <source>%1 is not verified: accept only files you expect from them.</source>
        <translation>%1 ist nicht verifiziert: Nimm nur Dateien an, die du von dieser Person erwartest.</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>noch etwa %n s</numerusform>
            <numerusform>noch etwa %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>noch etwa %n min</numerusform>
            <numerusform>noch etwa %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n h left</source>
        <translation>
            <numerusform>noch etwa %n h</numerusform>
            <numerusform>noch etwa %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Preparing: reading and checking the files…</source>
        <translation>Vorbereitung: Dateien werden gelesen und geprüft…</translation>
    </message>
    <message>
        <source>Waiting for %1 to accept.</source>
        <translation>Warten auf Annahme durch %1.</translation>
    </message>
    <message>
        <source>Waiting for you to accept.</source>
        <translation>Warten auf deine Annahme.</translation>
    </message>
    <message>
        <source>Paused by you.</source>
        <translation>Von dir pausiert.</translation>
    </message>
    <message>
        <source>Paused by %1.</source>
        <translation>Von %1 pausiert.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Wird empfangen…</translation>
    </message>
    <message>
        <source>Sent: %1 has it all.</source>
        <translation>Gesendet: %1 hat alles erhalten.</translation>
    </message>
    <message>
        <source>Received, saved in %1.</source>
        <translation>Empfangen, gespeichert in %1.</translation>
    </message>
    <message>
        <source>%1 declined.</source>
        <translation>%1 hat abgelehnt.</translation>
    </message>
    <message>
        <source>You declined.</source>
        <translation>Du hast abgelehnt.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>Fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1: %2. %3</source>
        <translation>%1: %2. %3</translation>
    </message>
    <message>
        <source>Received %1 from %2, saved in %3.</source>
        <translation>%1 von %2 empfangen, gespeichert in %3.</translation>
    </message>
    <message>
        <source>%1 could not be sent to %2: %3</source>
        <translation>%1 konnte nicht an %2 gesendet werden: %3</translation>
    </message>
    <message>
        <source>%1 from %2 did not arrive: %3</source>
        <translation>%1 von %2 ist nicht angekommen: %3</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>Offered %1 to %2; it shows in your conversation with them.</source>
        <translation>%1 an %2 angeboten, zu sehen in eurer Unterhaltung.</translation>
    </message>
    <message>
        <source>Offered %1 to %2 members; each sees it in your conversation with them.</source>
        <translation>%1 an %2 Mitglieder angeboten, jeweils in eurer Unterhaltung.</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>The disk is full: there is no room left for %1</source>
        <translation>Der Datenträger ist voll: Für %1 ist kein Platz mehr</translation>
    </message>
    <message>
        <source>Your disk quota is used up: there is no room left for %1</source>
        <translation>Dein Speicherkontingent ist aufgebraucht: Für %1 ist kein Platz mehr</translation>
    </message>
    <message>
        <source>%1 is too big for the disk it goes to</source>
        <translation>%1 ist zu groß für den Ziel-Datenträger</translation>
    </message>
    <message>
        <source>%1 cannot be written: the disk is read-only</source>
        <translation>%1 kann nicht geschrieben werden: Der Datenträger ist schreibgeschützt</translation>
    </message>
    <message>
        <source>%1 cannot be written: permission denied</source>
        <translation>%1 kann nicht geschrieben werden: Zugriff verweigert</translation>
    </message>
    <message>
        <source>%1 is a link; nothing is written through it</source>
        <translation>%1 ist eine Verknüpfung; über sie wird nichts geschrieben</translation>
    </message>
    <message>
        <source>%1 is not a folder; nothing is written into it</source>
        <translation>%1 ist kein Ordner; darin wird nichts geschrieben</translation>
    </message>
    <message>
        <source>%1 is gone</source>
        <translation>%1 ist nicht mehr vorhanden</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>“%1” is not a name a received file or folder can have</source>
        <translation>„%1“ ist kein zulässiger Name für eine empfangene Datei oder einen empfangenen Ordner</translation>
    </message>
    <message>
        <source>No free name is left for “%1” in “%2”</source>
        <translation>Für „%1“ ist in „%2“ kein freier Name mehr übrig</translation>
    </message>
    <message>
        <source>“%1” in “%2” is not a plain file of its own; nothing is written to it</source>
        <translation>„%1“ in „%2“ ist keine eigenständige, gewöhnliche Datei; es wird nichts hineingeschrieben</translation>
    </message>
    <message>
        <source>The drop holds a path that cannot be saved safely (%1).</source>
        <translation>Die Übertragung enthält einen Pfad, der nicht sicher gespeichert werden kann (%1).</translation>
    </message>
    <message>
        <source>Part of “%1” kept arriving damaged.</source>
        <translation>Ein Teil von „%1“ kam wiederholt beschädigt an.</translation>
    </message>
    <message>
        <source>“%1” does not match what was offered.</source>
        <translation>„%1“ stimmt nicht mit dem Angebot überein.</translation>
    </message>
    <message>
        <source>A write or read past the end of a partial file in “%1” was refused</source>
        <translation>Ein Schreib- oder Lesezugriff über das Ende einer Teildatei in „%1“ hinaus wurde abgewiesen</translation>
    </message>
    <message>
        <source>A partial file in “%1” was cut short by another program</source>
        <translation>Eine Teildatei in „%1“ wurde von einem anderen Programm gekürzt</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>der Name ist leer</translation>
    </message>
    <message>
        <source>the path is absolute</source>
        <translation>der Pfad ist absolut</translation>
    </message>
    <message>
        <source>the path has an empty part</source>
        <translation>der Pfad hat einen leeren Bestandteil</translation>
    </message>
    <message>
        <source>the path has a &quot;.&quot; or &quot;..&quot; part</source>
        <translation>der Pfad hat einen Bestandteil &quot;.&quot; oder &quot;..&quot;</translation>
    </message>
    <message>
        <source>the path nests too many folders</source>
        <translation>der Pfad verschachtelt zu viele Ordner</translation>
    </message>
    <message>
        <source>the path is refused</source>
        <translation>der Pfad wird abgewiesen</translation>
    </message>
    <message>
        <source>The list of files sent does not match the offer.</source>
        <translation>Die Liste der gesendeten Dateien stimmt nicht mit dem Angebot überein.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be sent as a whole; choose the files and folders in it</source>
        <translation>%1 kann nicht als Ganzes gesendet werden; wähle die Dateien und Ordner darin aus</translation>
    </message>
    <message>
        <source>Two of the chosen items are named %1; only one of them can be sent in the same drop</source>
        <translation>Zwei der ausgewählten Elemente heißen %1; nur eines davon kann in derselben Übertragung gesendet werden</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>%1 is a link; links cannot be sent, choose what it points to instead</source>
        <translation>%1 ist eine Verknüpfung; Verknüpfungen können nicht gesendet werden, wähle stattdessen ihr Ziel aus</translation>
    </message>
    <message>
        <source>%1 is not a file or a folder (a device, pipe or socket) and cannot be sent</source>
        <translation>%1 ist weder eine Datei noch ein Ordner (sondern ein Gerät, eine Pipe oder ein Socket) und kann nicht gesendet werden</translation>
    </message>
    <message>
        <source>The drop holds more than %1 files and folders; send fewer at a time</source>
        <translation>Die Übertragung enthält mehr als %1 Dateien und Ordner; sende weniger auf einmal</translation>
    </message>
    <message>
        <source>The path of %1 is too long to be sent</source>
        <translation>Der Pfad von %1 ist zu lang zum Senden</translation>
    </message>
    <message>
        <source>%1 lies more than %2 folders deep and cannot be sent</source>
        <translation>%1 liegt mehr als %2 Ordner tief und kann nicht gesendet werden</translation>
    </message>
    <message>
        <source>%1 has other names on this disk (hard links) and cannot be sent from inside a folder</source>
        <translation>%1 hat auf diesem Datenträger weitere Namen (Hardlinks) und kann nicht aus einem Ordner heraus gesendet werden</translation>
    </message>
    <message>
        <source>The name of %1 is not valid UTF-8 text and cannot be sent</source>
        <translation>Der Name von %1 ist kein gültiger UTF-8-Text und kann nicht gesendet werden</translation>
    </message>
    <message>
        <source>%1 changed while it was being read; send it again when it is no longer being written</source>
        <translation>%1 hat sich beim Lesen geändert; sende es erneut, wenn nicht mehr hineingeschrieben wird</translation>
    </message>
    <message>
        <source>%1 was removed before it could be read</source>
        <translation>%1 wurde entfernt, bevor es gelesen werden konnte</translation>
    </message>
    <message>
        <source>Reading the files was cancelled</source>
        <translation>Das Lesen der Dateien wurde abgebrochen</translation>
    </message>
    <message>
        <source>Nothing was chosen to send</source>
        <translation>Es wurde nichts zum Senden ausgewählt</translation>
    </message>
    <message>
        <source>The chunk size %1 is not one the protocol allows</source>
        <translation>Die Blockgröße %1 ist im Protokoll nicht zulässig</translation>
    </message>
    <message>
        <source>The drop holds too many files to be sent at once; send fewer at a time</source>
        <translation>Die Übertragung enthält zu viele Dateien, um sie auf einmal zu senden; sende weniger auf einmal</translation>
    </message>
    <message>
        <source>The receiver&apos;s disk is full.</source>
        <translation>Der Datenträger des Empfängers ist voll.</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>Der Datenträger ist voll.</translation>
    </message>
    <message>
        <source>The receiver&apos;s download folder cannot be written.</source>
        <translation>In den Download-Ordner des Empfängers kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>A file changed on the sender&apos;s side after it was offered.</source>
        <translation>Eine Datei hat sich beim Absender geändert, nachdem sie angeboten wurde.</translation>
    </message>
    <message>
        <source>A file is no longer there on the sender&apos;s side.</source>
        <translation>Eine Datei ist beim Absender nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>Part of the drop kept arriving damaged.</source>
        <translation>Ein Teil der Übertragung kam wiederholt beschädigt an.</translation>
    </message>
    <message>
        <source>The drop broke a rule and was refused.</source>
        <translation>Die Übertragung hat gegen eine Regel verstoßen und wurde abgewiesen.</translation>
    </message>
    <message>
        <source>Confab stopped while the files were being prepared.</source>
        <translation>Confab wurde beendet, während die Dateien vorbereitet wurden.</translation>
    </message>
    <message>
        <source>Name a transfer by its id (see confabctl transfers).</source>
        <translation>Gib eine Übertragung über ihre ID an (siehe confabctl transfers).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; fits more than one transfer; give more of its id.</source>
        <translation>„%1“ passt zu mehr als einer Übertragung; gib mehr von ihrer ID an.</translation>
    </message>
    <message>
        <source>No transfer has the id &apos;%1&apos; (see confabctl transfers).</source>
        <translation>Keine Übertragung hat die ID „%1“ (siehe confabctl transfers).</translation>
    </message>
    <message>
        <source>You cannot send files to yourself.</source>
        <translation>Du kannst keine Dateien an dich selbst senden.</translation>
    </message>
    <message>
        <source>Name at least one peer to send to.</source>
        <translation>Nenne mindestens einen Peer, an den gesendet werden soll.</translation>
    </message>
    <message>
        <source>A drop goes to at most %1 peers at once.</source>
        <translation>Eine Übertragung geht an höchstens %1 Peers zugleich.</translation>
    </message>
    <message>
        <source>The same peer is named twice.</source>
        <translation>Derselbe Peer ist zweimal genannt.</translation>
    </message>
    <message>
        <source>Name at least one file or folder to send.</source>
        <translation>Gib mindestens eine Datei oder einen Ordner zum Senden an.</translation>
    </message>
    <message>
        <source>This peer&apos;s Confab is too old to receive files.</source>
        <translation>Das Confab dieses Kontakts ist zu alt, um Dateien zu empfangen.</translation>
    </message>
    <message>
        <source>The drop could not be saved. Check the disk space.</source>
        <translation>Die Übertragung konnte nicht gespeichert werden. Prüfe den freien Speicherplatz.</translation>
    </message>
    <message>
        <source>There is no drop with that id offered to you.</source>
        <translation>Dir wurde keine Übertragung mit dieser ID angeboten.</translation>
    </message>
    <message>
        <source>This drop was already answered (it is %1).</source>
        <translation>Diese Übertragung wurde bereits beantwortet (Status: %1).</translation>
    </message>
    <message>
        <source>No download folder is set; choose a folder to save the drop in.</source>
        <translation>Es ist kein Download-Ordner festgelegt; wähle einen Ordner, in dem die Übertragung gespeichert wird.</translation>
    </message>
    <message>
        <source>Not enough free space in %1: the drop needs %2, there are %3.</source>
        <translation>Nicht genug freier Speicherplatz in %1: Die Übertragung braucht %2, frei sind %3.</translation>
    </message>
    <message>
        <source>This drop was already answered; cancel it instead.</source>
        <translation>Diese Übertragung wurde bereits beantwortet; brich sie stattdessen ab.</translation>
    </message>
    <message>
        <source>There is no drop with that id.</source>
        <translation>Es gibt keine Übertragung mit dieser ID.</translation>
    </message>
    <message>
        <source>This drop is over (%1).</source>
        <translation>Diese Übertragung ist beendet (Status: %1).</translation>
    </message>
</context>
<context>
    <name>confab::app::ScreenshotScene</name>
    <message>
        <source>the scene did not come about in time</source>
        <translation>die Szene kam nicht rechtzeitig zustande</translation>
    </message>
    <message>
        <source>unknown scene &apos;%1&apos;</source>
        <translation>unbekannte Szene „%1“</translation>
    </message>
    <message>
        <source>nothing to grab</source>
        <translation>nichts aufzunehmen</translation>
    </message>
</context>
<context>
    <name>confab::ui::AboutDialog</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Built with %1.</source>
        <translation>Erstellt mit %1.</translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation>Pfad &amp;kopieren</translation>
    </message>
    <message>
        <source>About Confab</source>
        <translation>Über Confab</translation>
    </message>
    <message>
        <source>Confab&apos;s icon</source>
        <translation>Symbol von Confab</translation>
    </message>
    <message>
        <source>&lt;b&gt;Confab %1&lt;/b&gt;&lt;br&gt;Protocol version %2</source>
        <translation>&lt;b&gt;Confab %1&lt;/b&gt;&lt;br&gt;Protokollversion %2</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Chat, calls and files between the computers around you: no server, no account, no internet. Everything is encrypted end to end.</source>
        <translation>Chat, Anrufe und Dateien zwischen den Computern in deiner Nähe: kein Server, kein Konto, kein Internet. Alles ist Ende-zu-Ende-verschlüsselt.</translation>
    </message>
    <message>
        <source>Your profile (identity key, messages, settings) is in:</source>
        <translation>Dein Profil (Identitätsschlüssel, Nachrichten, Einstellungen) liegt in:</translation>
    </message>
    <message>
        <source>Profile folder</source>
        <translation>Profilordner</translation>
    </message>
    <message>
        <source>Copy the profile folder&apos;s path</source>
        <translation>Pfad des Profilordners kopieren</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>Ordner &amp;öffnen</translation>
    </message>
    <message>
        <source>Open the profile folder</source>
        <translation>Profilordner öffnen</translation>
    </message>
    <message>
        <source>Libraries and licences</source>
        <translation>Bibliotheken und Lizenzen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>Über Qt</translation>
    </message>
</context>
<context>
    <name>confab::ui::AddPeerDialog</name>
    <message>
        <source>This contact text cannot be used: %1</source>
        <translation>Dieser Kontakttext kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>This address cannot be used: %1</source>
        <translation>Diese Adresse kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Add Peer</source>
        <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Address of the peer (host or host:port), or their contact text:</source>
        <translation>&amp;Adresse des Kontakts (Host oder Host:Port) oder sein Kontakttext:</translation>
    </message>
    <message>
        <source>for example 192.168.1.20:42042</source>
        <translation>zum Beispiel 192.168.1.20:42042</translation>
    </message>
    <message>
        <source>Peer address</source>
        <translation>Adresse des Kontakts</translation>
    </message>
    <message>
        <source>A host name or IP address, optionally followed by a colon and a port, or contact text starting with confab:</source>
        <translation>Ein Hostname oder eine IP-Adresse, optional gefolgt von einem Doppelpunkt und einem Port, oder ein Kontakttext, der mit confab: beginnt</translation>
    </message>
    <message>
        <source>Contact text, from the other person&apos;s File &gt; My Address, adds them and trusts their key at once.</source>
        <translation>Ein Kontakttext (bei der anderen Person unter Datei &gt; Meine Adresse) fügt die Person hinzu und vertraut ihrem Schlüssel sofort.</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Problem mit der Adresse</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add peer</source>
        <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>confab::ui::AudioSettingsSection</name>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Lo&amp;w latency for the calls I start</source>
        <translation>&amp;Geringe Latenz für Anrufe, die ich starte</translation>
    </message>
    <message>
        <source>Looking for sound cards…</source>
        <translation>Suche nach Soundkarten…</translation>
    </message>
    <message>
        <source>&amp;Test Microphone</source>
        <translation>Mikrofon &amp;testen</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>Speaker or headset</source>
        <translation>Lautsprecher oder Headset</translation>
    </message>
    <message>
        <source>Low latency for the calls I start</source>
        <translation>Geringe Latenz für Anrufe, die ich starte</translation>
    </message>
    <message>
        <source>About 10 ms less delay, for quiet rooms and headsets: shorter audio packets, twice as many of them, and no noise suppression. From the next call on.</source>
        <translation>Etwa 10 ms weniger Verzögerung, für ruhige Umgebungen und Headsets: kürzere Audiopakete, doppelt so viele davon und keine Rauschunterdrückung. Gilt ab dem nächsten Anruf.</translation>
    </message>
    <message>
        <source>Sound cards</source>
        <translation>Soundkarten</translation>
    </message>
    <message>
        <source>Test the microphone</source>
        <translation>Mikrofon testen</translation>
    </message>
    <message>
        <source>Opens the chosen microphone for a few seconds and shows its level</source>
        <translation>Öffnet das gewählte Mikrofon für einige Sekunden und zeigt seinen Pegel</translation>
    </message>
    <message>
        <source>Microphone test result</source>
        <translation>Ergebnis des Mikrofontests</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Mikrofon:</translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation>&amp;Lautsprecher:</translation>
    </message>
    <message>
        <source>Sound cards cannot be listed: %1</source>
        <translation>Die Soundkarten können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>No sound card found. Calls still connect, without sound, until one is plugged in.</source>
        <translation>Keine Soundkarte gefunden. Anrufe werden trotzdem verbunden, aber ohne Ton, bis eine angeschlossen wird.</translation>
    </message>
    <message>
        <source>No microphone found: the other side will hear silence.</source>
        <translation>Kein Mikrofon gefunden: Die Gegenseite hört nur Stille.</translation>
    </message>
    <message>
        <source>A new choice applies from the next start of Confab.</source>
        <translation>Eine neue Auswahl gilt ab dem nächsten Start von Confab.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (nicht angeschlossen)</translation>
    </message>
    <message>
        <source>S&amp;top Test</source>
        <translation>Test &amp;beenden</translation>
    </message>
    <message>
        <source>Stop the microphone test</source>
        <translation>Mikrofontest beenden</translation>
    </message>
    <message>
        <source>Speak into the microphone…</source>
        <translation>Sprich ins Mikrofon…</translation>
    </message>
    <message>
        <source>E&amp;cho cancellation</source>
        <translation>Echounterdrüc&amp;kung</translation>
    </message>
    <message>
        <source>Echo cancellation</source>
        <translation>Echounterdrückung</translation>
    </message>
    <message>
        <source>Keeps the others from hearing themselves through your speaker. With headphones you can turn it off: your voice then reaches them 7 ms sooner. From the next call on.</source>
        <translation>Verhindert, dass die anderen sich selbst über deinen Lautsprecher hören. Mit Kopfhörern kannst du sie ausschalten: Deine Stimme erreicht sie dann 7 ms früher. Gilt ab dem nächsten Anruf.</translation>
    </message>
</context>
<context>
    <name>confab::ui::AvatarSettingsSection</name>
    <message>
        <source>C&amp;hoose Picture…</source>
        <translation>Bild &amp;wählen…</translation>
    </message>
    <message>
        <source>Remo&amp;ve Picture</source>
        <translation>Bild &amp;entfernen</translation>
    </message>
    <message>
        <source>Choose your picture</source>
        <translation>Dein Bild wählen</translation>
    </message>
    <message>
        <source>A photo or an image file: its middle square is what your peers see</source>
        <translation>Ein Foto oder eine Bilddatei; deine Kontakte sehen davon das mittlere Quadrat</translation>
    </message>
    <message>
        <source>Remove your picture</source>
        <translation>Dein Bild entfernen</translation>
    </message>
    <message>
        <source>Your peers see your initials instead</source>
        <translation>Deine Kontakte sehen stattdessen deine Initialen</translation>
    </message>
    <message>
        <source>Choose Your Picture</source>
        <translation>Dein Bild wählen</translation>
    </message>
    <message>
        <source>Pictures (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>confab::ui::AvatarView</name>
    <message>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Picture of %1</source>
        <translation>Bild von %1</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>No picture: the initials of %1</source>
        <translation>Kein Bild: die Initialen von %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::CallBar</name>
    <message>
        <source>&amp;Hang Up</source>
        <translation>&amp;Auflegen</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Call partner</source>
        <translation>Gesprächspartner</translation>
    </message>
    <message>
        <source>Call state</source>
        <translation>Anrufstatus</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation>Mikrofon stummschalten</translation>
    </message>
    <message>
        <source>Mute or unmute your microphone (Ctrl+M)</source>
        <translation>Mikrofon stummschalten oder Stummschaltung aufheben (Ctrl+M)</translation>
    </message>
    <message>
        <source>Push to Talk</source>
        <translation>Push-to-Talk</translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation>Push-to-Talk</translation>
    </message>
    <message>
        <source>When on, your microphone is closed except while you hold Space or the Talk button</source>
        <translation>Wenn aktiv, ist dein Mikrofon geschlossen, außer während du die Leertaste oder die Schaltfläche „Sprechen“ gedrückt hältst</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>Sprechen</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>Zum Sprechen gedrückt halten</translation>
    </message>
    <message>
        <source>Hold to speak (or hold Space outside the message box)</source>
        <translation>Zum Sprechen gedrückt halten (oder außerhalb des Nachrichtenfelds die Leertaste gedrückt halten)</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <source>End the call (Ctrl+Shift+H)</source>
        <translation>Anruf beenden (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <source>Call notice</source>
        <translation>Hinweis zum Anruf</translation>
    </message>
    <message>
        <source>&amp;Cancel Call</source>
        <translation>Anruf a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Cancel the call</source>
        <translation>Anruf abbrechen</translation>
    </message>
    <message>
        <source>Room of the call</source>
        <translation>Raum des Anrufs</translation>
    </message>
    <message>
        <source>&amp;Leave Call</source>
        <translation>Anruf &amp;verlassen</translation>
    </message>
    <message>
        <source>Leave the room call</source>
        <translation>Raumanruf verlassen</translation>
    </message>
    <message>
        <source>Leave the room&apos;s call; the others stay in it (Ctrl+Shift+H)</source>
        <translation>Den Anruf des Raums verlassen; die anderen bleiben darin (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <source>Your microphone and speaker could not be opened: the call goes on without sound.</source>
        <translation>Dein Mikrofon und dein Lautsprecher konnten nicht geöffnet werden: Der Anruf läuft ohne Ton weiter.</translation>
    </message>
    <message>
        <source>Your microphone could not be opened: %1 hears nothing from you, but you hear them.</source>
        <translation>Dein Mikrofon konnte nicht geöffnet werden: %1 hört nichts von dir, aber du hörst dein Gegenüber.</translation>
    </message>
    <message>
        <source>Your speaker could not be opened: you hear nothing from %1, but they hear you.</source>
        <translation>Dein Lautsprecher konnte nicht geöffnet werden: Von %1 hörst du nichts, aber dein Gegenüber hört dich.</translation>
    </message>
    <message>
        <source>Your microphone is muted: nobody in the call hears you.</source>
        <translation>Dein Mikrofon ist stummgeschaltet: Niemand im Anruf hört dich.</translation>
    </message>
    <message>
        <source>Your microphone is muted: %1 hears nothing from you.</source>
        <translation>Dein Mikrofon ist stummgeschaltet: %1 hört nichts von dir.</translation>
    </message>
    <message>
        <source>Talking — release to close the microphone.</source>
        <translation>Sprechen — loslassen, um das Mikrofon zu schließen.</translation>
    </message>
    <message>
        <source>Push to talk: hold Space (outside the message box) or the Talk button to speak.</source>
        <translation>Push-to-Talk: Halte zum Sprechen die Leertaste (außerhalb des Nachrichtenfelds) oder die Schaltfläche „Sprechen“ gedrückt.</translation>
    </message>
</context>
<context>
    <name>confab::ui::CallController</name>
    <message>
        <source>Another call is in progress: hang it up first.</source>
        <translation>Es läuft bereits ein anderer Anruf: Beende ihn zuerst.</translation>
    </message>
    <message>
        <source>Room call: %1</source>
        <translation>Raumanruf: %1</translation>
    </message>
    <message>
        <source>Missed call from %1 at %2</source>
        <translation>Verpasster Anruf von %1 um %2</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>Verpasster Anruf</translation>
    </message>
    <message>
        <source>%1 called you.</source>
        <translation>%1 hat dich angerufen.</translation>
    </message>
    <message>
        <source>Room call</source>
        <translation>Raumanruf</translation>
    </message>
    <message>
        <source>Missed room call at %1</source>
        <translation>Verpasster Raumanruf um %1</translation>
    </message>
    <message>
        <source>Missed call in the room “%1” at %2</source>
        <translation>Verpasster Anruf im Raum „%1“ um %2</translation>
    </message>
    <message>
        <source>Call: %1</source>
        <translation>Anruf: %1</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Eingehender Anruf</translation>
    </message>
    <message>
        <source>%1 is calling you.</source>
        <translation>%1 ruft dich an.</translation>
    </message>
</context>
<context>
    <name>confab::ui::Composer</name>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>Nachricht schreiben — Enter sendet, Shift+Enter beginnt eine neue Zeile</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line</source>
        <translation>Enter sendet die Nachricht, Shift+Enter beginnt eine neue Zeile</translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationExporter</name>
    <message>
        <source>Conversation with %1</source>
        <translation>Unterhaltung mit %1</translation>
    </message>
    <message>
        <source>Export Conversation with %1</source>
        <translation>Unterhaltung mit %1 exportieren</translation>
    </message>
    <message>
        <source>Text file (*.txt)</source>
        <translation>Textdatei (*.txt)</translation>
    </message>
    <message>
        <source>Web page (*.html *.htm)</source>
        <translation>Webseite (*.html *.htm)</translation>
    </message>
    <message>
        <source>Exporting the conversation with %1…</source>
        <translation>Die Unterhaltung mit %1 wird exportiert…</translation>
    </message>
    <message>
        <source>The conversation with %1 was not exported: %2</source>
        <translation>Die Unterhaltung mit %1 wurde nicht exportiert: %2</translation>
    </message>
    <message>
        <source>The conversation with %1 was not saved to %2: %3</source>
        <translation>Die Unterhaltung mit %1 wurde nicht in %2 gespeichert: %3</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n message(s) with %1 to %2.</source>
        <translation>
            <numerusform>%n Nachricht mit %1 in %2 gespeichert.</numerusform>
            <numerusform>%n Nachrichten mit %1 in %2 gespeichert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationHeader</name>
    <message>
        <source>Conversation partner</source>
        <translation>Gesprächspartner</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifizierung</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Peer &amp;Details…</source>
        <translation>&amp;Details zum Kontakt…</translation>
    </message>
    <message>
        <source>Peer details and safety number</source>
        <translation>Kontaktdetails und Sicherheitscode</translation>
    </message>
    <message>
        <source>ID, address and safety number; mark as verified (Ctrl+I)</source>
        <translation>ID, Adresse und Sicherheitscode; als verifiziert markieren (Ctrl+I)</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <source>Call this peer</source>
        <translation>Diesen Kontakt anrufen</translation>
    </message>
    <message>
        <source>Choose a peer on the left</source>
        <translation>Wähle links einen Kontakt</translation>
    </message>
    <message>
        <source>key warning</source>
        <translation>Schlüsselwarnung</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verifiziert</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>nicht verifiziert</translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationModel</name>
    <message>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>relayed</source>
        <translation>weitergeleitet</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>read</source>
        <translation>gelesen</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>You deleted this message</source>
        <translation>Du hast diese Nachricht gelöscht</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Diese Nachricht wurde gelöscht</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>New messages. %1</source>
        <translation>Neue Nachrichten. %1</translation>
    </message>
    <message>
        <source>%1
Edited %2</source>
        <translation>%1
Bearbeitet am %2</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>%1
Queued: it will be sent when they come back online.</source>
        <translation>%1
In Warteschlange: Die Nachricht wird gesendet, sobald dein Kontakt wieder online ist.</translation>
    </message>
    <message>
        <source>%1
Relayed: another peer holds it, sealed so that only they can read it, and passes it on when they are reachable.</source>
        <translation>%1
Weitergeleitet: Ein anderer Kontakt bewahrt sie auf, so versiegelt, dass nur dein Gesprächspartner sie lesen kann, und reicht sie weiter, sobald dieser erreichbar ist.</translation>
    </message>
    <message>
        <source>You at %1: you deleted this message</source>
        <translation>Du um %1: Nachricht von dir gelöscht</translation>
    </message>
    <message>
        <source>Received at %1: this message was deleted</source>
        <translation>Empfangen um %1: Diese Nachricht wurde gelöscht</translation>
    </message>
    <message>
        <source>Reply to a message not found. %1</source>
        <extracomment>A reply whose quoted message is unknown, then the reply&apos;s text.</extracomment>
        <translation>Antwort auf eine nicht gefundene Nachricht. %1</translation>
    </message>
    <message>
        <source>you</source>
        <translation>dich</translation>
    </message>
    <message>
        <source>Reply to %1: %2 %3</source>
        <extracomment>&quot;Reply to Bob: &lt;the quoted text&gt;. &lt;the reply&apos;s text&gt;&quot;.</extracomment>
        <translation>Antwort an %1: %2 %3</translation>
    </message>
    <message>
        <source>Reply to %1: %2. %3</source>
        <translation>Antwort an %1: %2. %3</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>You at %1, %2, edited: %3</source>
        <translation>Du um %1, %2, bearbeitet: %3</translation>
    </message>
    <message>
        <source>Received at %1, edited: %2</source>
        <translation>Empfangen um %1, bearbeitet: %2</translation>
    </message>
    <message>
        <source>You at %1, %2: %3</source>
        <translation>Du um %1, %2: %3</translation>
    </message>
    <message>
        <source>Received at %1: %2</source>
        <translation>Empfangen um %1: %2</translation>
    </message>
    <message>
        <source>Original message not found</source>
        <translation>Ursprüngliche Nachricht nicht gefunden</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Your peer</source>
        <translation>Dein Kontakt</translation>
    </message>
    <message>
        <source>Deleted message</source>
        <translation>Gelöschte Nachricht</translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Messages and file drops, newest at the bottom. Ctrl+C copies the selected messages; F2 or a double click opens a message for selecting part of its text; Ctrl+R replies to the current message; the menu key lists the links in it, Reply and React (and, for your own, Edit and Delete for Everyone), or what can be done with the current file drop; Enter accepts, pauses, resumes or opens it.</source>
        <translation>Nachrichten und Dateiübertragungen, die neuesten unten. Ctrl+C kopiert die ausgewählten Nachrichten; F2 oder ein Doppelklick öffnet eine Nachricht, um einen Teil ihres Textes auszuwählen; Ctrl+R antwortet auf die aktuelle Nachricht; die Menütaste listet die Links darin auf, Antworten und Reagieren (und bei eigenen Nachrichten Bearbeiten und Für alle löschen) oder was mit der aktuellen Dateiübertragung möglich ist; Enter nimmt sie an, pausiert sie, setzt sie fort oder öffnet sie.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>No messages yet. Write the first one below.</source>
        <translation>Noch keine Nachrichten. Schreib unten die erste.</translation>
    </message>
    <message>
        <source>&amp;Select Text</source>
        <translation>Text aus&amp;wählen</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete for Everyone…</source>
        <translation>Für alle &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Antworten</translation>
    </message>
    <message>
        <source>Re&amp;act</source>
        <translation>&amp;Reagieren</translation>
    </message>
    <message>
        <source>&amp;Take Back Reaction</source>
        <translation>Reaktion &amp;zurücknehmen</translation>
    </message>
    <message>
        <source>&amp;Go to Quoted Message</source>
        <translation>Zur zitierten &amp;Nachricht springen</translation>
    </message>
</context>
<context>
    <name>confab::ui::CreateRoomDialog</name>
    <message>
        <source>New Room</source>
        <translation>Neuer Raum</translation>
    </message>
    <message>
        <source>Room &amp;name:</source>
        <translation>Raum&amp;name:</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>Every member sees this name. At most %1 bytes.</source>
        <translation>Jedes Mitglied sieht diesen Namen. Höchstens %1 Byte.</translation>
    </message>
    <message>
        <source>for example Project Team</source>
        <translation>zum Beispiel Projektteam</translation>
    </message>
    <message>
        <source>Problem with the name</source>
        <translation>Problem mit dem Namen</translation>
    </message>
    <message>
        <source>&amp;Members:</source>
        <translation>&amp;Mitglieder:</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>The people to invite into the room. Space checks or unchecks the person.</source>
        <translation>Die Personen, die in den Raum eingeladen werden. Die Leertaste wählt eine Person aus oder ab.</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Was fehlt</translation>
    </message>
    <message>
        <source>&amp;Create Room</source>
        <translation>Raum &amp;erstellen</translation>
    </message>
    <message>
        <source>Create the room</source>
        <translation>Raum erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The name is too long: a room&apos;s name can take at most %1 bytes, and this one takes %2. Letters with accents and those of most other scripts take two to four bytes each.</source>
        <translation>Der Name ist zu lang: Der Name eines Raums darf höchstens %1 Byte belegen, dieser belegt %2. Umlaute, Buchstaben mit Akzenten und die der meisten anderen Schriften belegen je zwei bis vier Byte.</translation>
    </message>
    <message>
        <source>The name cannot contain control characters such as tabs.</source>
        <translation>Der Name darf keine Steuerzeichen wie Tabulatoren enthalten.</translation>
    </message>
    <message>
        <source>Give the room a name.</source>
        <translation>Gib dem Raum einen Namen.</translation>
    </message>
    <message>
        <source>Choose at least one member.</source>
        <translation>Wähle mindestens ein Mitglied.</translation>
    </message>
</context>
<context>
    <name>confab::ui::EditingBar</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>Du bearbeitest deine Nachricht</translation>
    </message>
    <message>
        <source>Enter saves, Escape cancels</source>
        <translation>Enter speichert, Escape bricht ab</translation>
    </message>
    <message>
        <source>How to save or cancel the edit</source>
        <translation>So speicherst du die Änderung oder brichst sie ab</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Bearbeitung abbrechen</translation>
    </message>
    <message>
        <source>Leave the message as it was and bring back what you were writing (Escape)</source>
        <translation>Die Nachricht unverändert lassen und zurückholen, was du gerade geschrieben hast (Escape)</translation>
    </message>
    <message>
        <source>The message you reply to</source>
        <translation>Die Nachricht, auf die du antwortest</translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation>Antwort abbrechen</translation>
    </message>
    <message>
        <source>Send what you write as a plain message; it stays as it is (Escape)</source>
        <translation>Was du schreibst, als normale Nachricht senden; der Text bleibt, wie er ist (Escape)</translation>
    </message>
</context>
<context>
    <name>confab::ui::FirstRunDialog</name>
    <message>
        <source>Welcome to Confab</source>
        <translation>Willkommen bei Confab</translation>
    </message>
    <message>
        <source>Confab icon</source>
        <translation>Confab-Symbol</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to Confab.&lt;/b&gt;&lt;br&gt;Chat with people on this network — no server, no account. Confab has created your identity on this computer.</source>
        <translation>&lt;b&gt;Willkommen bei Confab.&lt;/b&gt;&lt;br&gt;Chatte mit Menschen in diesem Netzwerk — ohne Server, ohne Konto. Confab hat deine Identität auf diesem Computer erstellt.</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Your &amp;name, as others see it:</source>
        <translation>Dein &amp;Name, wie andere ihn sehen:</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>The name peers see next to your messages</source>
        <translation>Der Name, den deine Kontakte neben deinen Nachrichten sehen</translation>
    </message>
    <message>
        <source>Name problem</source>
        <translation>Problem mit dem Namen</translation>
    </message>
    <message>
        <source>Your ID:</source>
        <translation>Deine ID:</translation>
    </message>
    <message>
        <source>Your ID</source>
        <translation>Deine ID</translation>
    </message>
    <message>
        <source>Your fingerprint:</source>
        <translation>Dein Fingerabdruck:</translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation>Dein Fingerabdruck</translation>
    </message>
    <message>
        <source>Peers can compare this with what their Confab shows for you, to be sure it is really you.</source>
        <translation>Deine Kontakte können ihn mit dem vergleichen, was ihr Confab für dich anzeigt, um sicherzugehen, dass wirklich du es bist.</translation>
    </message>
    <message>
        <source>&amp;Start Confab</source>
        <translation>Confab &amp;starten</translation>
    </message>
    <message>
        <source>Start Confab</source>
        <translation>Confab starten</translation>
    </message>
    <message>
        <source>Please choose another name: %1</source>
        <translation>Bitte wähle einen anderen Namen: %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Confab</source>
        <translation>Über &amp;Confab</translation>
    </message>
</context>
<context>
    <name>confab::ui::IdentitySettingsSection</name>
    <message>
        <source>Identity</source>
        <translation>Identität</translation>
    </message>
    <message>
        <source>Bac&amp;k Up…</source>
        <translation>Si&amp;chern…</translation>
    </message>
    <message>
        <source>Rest&amp;ore…</source>
        <translation>Wieder&amp;herstellen…</translation>
    </message>
    <message>
        <source>Your identity key is who you are to your peers. Back it up to keep your ID on a new computer or after reinstalling.</source>
        <translation>Dein Identitätsschlüssel macht dich für deine Kontakte erkennbar. Sichere ihn, um deine ID auf einem neuen Computer oder nach einer Neuinstallation zu behalten.</translation>
    </message>
    <message>
        <source>About the identity key</source>
        <translation>Über den Identitätsschlüssel</translation>
    </message>
    <message>
        <source>Back up the identity key</source>
        <translation>Identitätsschlüssel sichern</translation>
    </message>
    <message>
        <source>Save the key in a file, sealed with a passphrase</source>
        <translation>Den Schlüssel in einer Datei speichern, mit einer Passphrase verschlüsselt</translation>
    </message>
    <message>
        <source>Restore an identity key</source>
        <translation>Einen Identitätsschlüssel wiederherstellen</translation>
    </message>
    <message>
        <source>Make the identity in a backup file this computer&apos;s, from the next start</source>
        <translation>Die Identität aus einer Sicherungsdatei ab dem nächsten Start für diesen Computer übernehmen</translation>
    </message>
    <message>
        <source>Identity backup status</source>
        <translation>Status der Identitätssicherung</translation>
    </message>
    <message>
        <source>Save Identity Backup</source>
        <translation>Identitätssicherung speichern</translation>
    </message>
    <message>
        <source>Confab identity backups (*.backup);;All files (*)</source>
        <translation>Confab-Identitätssicherungen (*.backup);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Restore Identity Backup</source>
        <translation>Identitätssicherung wiederherstellen</translation>
    </message>
    <message>
        <source>The backup saved in %1 holds your identity key, sealed with this passphrase. Anyone with both can be you: keep them apart.</source>
        <translation>Die in %1 gespeicherte Sicherung enthält deinen Identitätsschlüssel, verschlüsselt mit dieser Passphrase. Wer beides hat, kann sich als du ausgeben: Bewahre beides getrennt auf.</translation>
    </message>
    <message>
        <source>Saved your identity in %1. Keep the passphrase: without it the backup cannot be opened.</source>
        <translation>Deine Identität wurde in %1 gespeichert. Bewahre die Passphrase auf: Ohne sie lässt sich die Sicherung nicht öffnen.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a Confab identity backup: it is far too big for one.</source>
        <translation>%1 ist keine Confab-Identitätssicherung: Die Datei ist dafür viel zu groß.</translation>
    </message>
    <message>
        <source>The identity in %1 becomes this computer&apos;s from the next start: peers will know you by its ID. The key used now is kept in the profile folder.</source>
        <translation>Die Identität aus %1 gilt ab dem nächsten Start für diesen Computer: Deine Kontakte erkennen dich dann an ihrer ID. Der bisher verwendete Schlüssel bleibt im Profilordner erhalten.</translation>
    </message>
    <message>
        <source>This computer has that identity already (%1); nothing changed.</source>
        <translation>Dieser Computer hat diese Identität bereits (%1); es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Restored identity %1. Confab uses it from its next start.</source>
        <translation>Identität %1 wiederhergestellt. Confab verwendet sie ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Identity Restored</source>
        <translation>Identität wiederhergestellt</translation>
    </message>
    <message>
        <source>Confab uses the restored identity %1 from its next start. Restart Confab now?</source>
        <translation>Confab verwendet die wiederhergestellte Identität %1 ab dem nächsten Start. Confab jetzt neu starten?</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>Jetzt &amp;neu starten</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Später</translation>
    </message>
</context>
<context>
    <name>confab::ui::IncomingCallDialog</name>
    <message>
        <source>Incoming call</source>
        <translation>Eingehender Anruf</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>&amp;Annehmen</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <source>Incoming call — %1</source>
        <translation>Eingehender Anruf — %1</translation>
    </message>
    <message>
        <source>Confab icon</source>
        <translation>Confab-Symbol</translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation>Was passiert</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Anrufer</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifizierung</translation>
    </message>
    <message>
        <source>Answer the call</source>
        <translation>Anruf annehmen</translation>
    </message>
    <message>
        <source>Answer (Ctrl+Shift+A)</source>
        <translation>Annehmen (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Decline the call</source>
        <translation>Anruf ablehnen</translation>
    </message>
    <message>
        <source>Decline (Ctrl+Shift+D; Escape in this dialog)</source>
        <translation>Ablehnen (Ctrl+Shift+D; Escape in diesem Dialog)</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verifiziert</translation>
    </message>
    <message>
        <source>not verified — compare safety numbers to be sure who it is</source>
        <translation>nicht verifiziert — vergleiche die Sicherheitscodes, um sicherzugehen, wer es ist</translation>
    </message>
    <message>
        <source>Incoming room call</source>
        <translation>Eingehender Gruppenanruf</translation>
    </message>
    <message>
        <source>Who calls which room</source>
        <translation>Wer in welchem Raum anruft</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Beitreten</translation>
    </message>
    <message>
        <source>Join the room call</source>
        <translation>Dem Gruppenanruf beitreten</translation>
    </message>
    <message>
        <source>Join the call (Ctrl+Shift+A)</source>
        <translation>Dem Anruf beitreten (Ctrl+Shift+A)</translation>
    </message>
</context>
<context>
    <name>confab::ui::InviteToRoomDialog</name>
    <message>
        <source>Invite to %1</source>
        <translation>In %1 einladen</translation>
    </message>
    <message>
        <source>&amp;People to invite to %1:</source>
        <translation>&amp;Personen, die du in %1 einladen möchtest:</translation>
    </message>
    <message>
        <source>People to invite</source>
        <translation>Einzuladende Personen</translation>
    </message>
    <message>
        <source>Everyone Confab knows who is not in the room yet. Space checks or unchecks the person.</source>
        <translation>Alle, die Confab kennt und die noch nicht im Raum sind. Die Leertaste hakt die Person an oder ab.</translation>
    </message>
    <message>
        <source>Everyone Confab has found on the network is in this room already.</source>
        <translation>Alle, die Confab im Netzwerk gefunden hat, sind bereits in diesem Raum.</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Was fehlt</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>&amp;Einladen</translation>
    </message>
    <message>
        <source>Invite the people chosen</source>
        <translation>Die ausgewählten Personen einladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Choose at least one person.</source>
        <translation>Wähle mindestens eine Person aus.</translation>
    </message>
</context>
<context>
    <name>confab::ui::KeyWarningBanner</name>
    <message>
        <source>Show &amp;Safety Number…</source>
        <translation>&amp;Sicherheitscode anzeigen…</translation>
    </message>
    <message>
        <source>I &amp;Understand</source>
        <translation>&amp;Verstanden</translation>
    </message>
    <message>
        <source>Security warning</source>
        <translation>Sicherheitswarnung</translation>
    </message>
    <message>
        <source>Warning title</source>
        <translation>Titel der Warnung</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>What was logged</source>
        <translation>Was protokolliert wurde</translation>
    </message>
    <message>
        <source>Show the safety number</source>
        <translation>Den Sicherheitscode anzeigen</translation>
    </message>
    <message>
        <source>I understand: allow sending again</source>
        <translation>Verstanden: Senden wieder erlauben</translation>
    </message>
    <message>
        <source>Someone presented a different key for %1</source>
        <translation>Jemand hat für %1 einen anderen Schlüssel vorgelegt</translation>
    </message>
    <message>
        <source>Someone on the network tried to connect as %1 but presented a different identity key than the one Confab knows for this contact. Confab refused the connection, so nothing was sent to them or accepted from them. It may be someone pretending to be %1 — or %1 may have reinstalled Confab. Compare safety numbers with %1 in person before you trust this conversation again. Sending is paused until you confirm that you have read this.</source>
        <translation>Jemand im Netzwerk hat versucht, sich als %1 zu verbinden, hat aber einen anderen Identitätsschlüssel vorgelegt als den, den Confab für diesen Kontakt kennt. Confab hat die Verbindung abgelehnt, es wurde also nichts dorthin gesendet oder von dort angenommen. Vielleicht gibt sich jemand als %1 aus — oder %1 hat Confab neu installiert. Vergleiche die Sicherheitscodes persönlich mit %1, bevor du dieser Unterhaltung wieder vertraust. Das Senden ist pausiert, bis du bestätigst, dass du dies gelesen hast.</translation>
    </message>
    <message>
        <source>Logged at %1: %2</source>
        <translation>Protokolliert am %1: %2</translation>
    </message>
</context>
<context>
    <name>confab::ui::LevelMeterWidget</name>
    <message>
        <source>Microphone level</source>
        <translation>Mikrofonpegel</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>still</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
</context>
<context>
    <name>confab::ui::MainWindow</name>
    <message>
        <source>Discovery: Avahi (system mDNS)</source>
        <translation>Erkennung: Avahi (System-mDNS)</translation>
    </message>
    <message>
        <source>Discovery: built-in mDNS</source>
        <translation>Erkennung: integriertes mDNS</translation>
    </message>
    <message>
        <source>Discovery: off (addresses only)</source>
        <translation>Erkennung: aus (nur Adressen)</translation>
    </message>
    <message>
        <source>Discovery: %1</source>
        <translation>Erkennung: %1</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Discovery mode</source>
        <translation>Erkennungsmodus</translation>
    </message>
    <message>
        <source>Own address</source>
        <translation>Eigene Adresse</translation>
    </message>
    <message>
        <source>Network diagnosis and notices</source>
        <translation>Netzwerkdiagnose und Hinweise</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>Läuft nicht: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add Peer…</source>
        <translation>Kontakt &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;My Address…</source>
        <translation>&amp;Meine Adresse…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Close Window</source>
        <translation>Fenster &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find Peer</source>
        <translation>&amp;Kontakt suchen</translation>
    </message>
    <message>
        <source>&amp;Write Message</source>
        <translation>Nachricht &amp;schreiben</translation>
    </message>
    <message>
        <source>&amp;Search Messages…</source>
        <translation>Nachrichten &amp;durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Peer</source>
        <translation>&amp;Kontakt</translation>
    </message>
    <message>
        <source>Peer &amp;Details and Safety Number…</source>
        <translation>&amp;Kontaktdetails und Sicherheitscode…</translation>
    </message>
    <message>
        <source>&amp;Search in This Conversation…</source>
        <translation>In dieser Unterhaltung &amp;suchen…</translation>
    </message>
    <message>
        <source>Send &amp;Files…</source>
        <translation>&amp;Dateien senden…</translation>
    </message>
    <message>
        <source>Send files to this peer (or drop them on the conversation)</source>
        <translation>Dateien an diesen Kontakt senden (oder auf die Unterhaltung ziehen)</translation>
    </message>
    <message>
        <source>Send F&amp;older…</source>
        <translation>&amp;Ordner senden…</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>&amp;Raum</translation>
    </message>
    <message>
        <source>&amp;New Room…</source>
        <translation>&amp;Neuer Raum…</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Anruf</translation>
    </message>
    <message>
        <source>&amp;Call Peer</source>
        <translation>&amp;Kontakt anrufen</translation>
    </message>
    <message>
        <source>&amp;Answer Call</source>
        <translation>Anruf &amp;annehmen</translation>
    </message>
    <message>
        <source>&amp;Decline Call</source>
        <translation>Anruf a&amp;blehnen</translation>
    </message>
    <message>
        <source>&amp;Mute Microphone</source>
        <translation>&amp;Mikrofon stummschalten</translation>
    </message>
    <message>
        <source>&amp;Push to Talk (Hold Space)</source>
        <translation>&amp;Push-to-Talk (Leertaste halten)</translation>
    </message>
    <message>
        <source>&amp;Hang Up</source>
        <translation>Auf&amp;legen</translation>
    </message>
    <message>
        <source>Filter peers (Ctrl+F)</source>
        <translation>Kontakte filtern (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter peers</source>
        <translation>Kontakte filtern</translation>
    </message>
    <message>
        <source>Shows only the peers whose name contains the text. Enter opens the first one, Escape clears it.</source>
        <translation>Zeigt nur die Kontakte, deren Name den Text enthält. Enter öffnet den ersten, Escape leert das Feld.</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Enter opens the conversation; the Menu key or Shift+F10 offers Send Files, Rename, Block and Remove.</source>
        <translation>Enter öffnet die Unterhaltung; die Menütaste oder Shift+F10 bietet Dateien senden, Umbenennen, Blockieren und Entfernen an.</translation>
    </message>
    <message>
        <source>Stopped trying %1.</source>
        <translation>Verbindungsversuche mit %1 beendet.</translation>
    </message>
    <message>
        <source>Delivery notice</source>
        <translation>Zustellhinweis</translation>
    </message>
    <message>
        <source>Why the message was not sent</source>
        <translation>Warum die Nachricht nicht gesendet wurde</translation>
    </message>
    <message>
        <source>Blocked notice</source>
        <translation>Hinweis zur Blockierung</translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation>Blockierung &amp;aufheben</translation>
    </message>
    <message>
        <source>Unblock this peer</source>
        <translation>Blockierung dieses Kontakts aufheben</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Not listening yet</source>
        <translation>Noch nicht empfangsbereit</translation>
    </message>
    <message>
        <source>Your address: %1</source>
        <translation>Deine Adresse: %1</translation>
    </message>
    <message numerus="yes">
        <source>Your address: %1 (+%n more)</source>
        <translation>
            <numerusform>Deine Adresse: %1 (+%n weitere)</numerusform>
            <numerusform>Deine Adresse: %1 (+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Others can add you with any of these addresses:
%1
File &gt; My Address shows them with your contact text and its QR code.</source>
        <translation>Andere können dich über jede dieser Adressen hinzufügen:
%1
Datei &gt; Meine Adresse zeigt sie zusammen mit deinem Kontakttext und dessen QR-Code.</translation>
    </message>
    <message>
        <source>You blocked %1: nothing from them reaches you, and you cannot write to them. Unblock them to talk again (also in the Peer menu).</source>
        <translation>Du hast %1 blockiert: Nichts von diesem Kontakt erreicht dich, und du kannst ihm nicht schreiben. Hebe die Blockierung auf, um wieder miteinander zu schreiben (auch im Menü „Kontakt“).</translation>
    </message>
    <message>
        <source>No messages.</source>
        <translation>Keine Nachrichten.</translation>
    </message>
    <message>
        <source>Sending is off: this peer is blocked.</source>
        <translation>Senden ist deaktiviert: Dieser Kontakt ist blockiert.</translation>
    </message>
    <message>
        <source>Sending is paused: read the warning above and press “I Understand”.</source>
        <translation>Senden ist pausiert: Lies die Warnung oben und klicke auf „Verstanden“.</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>Nachricht schreiben — Enter sendet, Shift+Enter beginnt eine neue Zeile</translation>
    </message>
    <message>
        <source>%1 is offline. What you send now is queued and sent when they come back.</source>
        <translation>%1 ist offline. Was du jetzt sendest, wird vorgemerkt und gesendet, sobald der Kontakt wieder online ist.</translation>
    </message>
    <message>
        <source>Choose a peer to call</source>
        <translation>Wähle einen Kontakt zum Anrufen</translation>
    </message>
    <message>
        <source>Another call is in progress: hang it up first</source>
        <translation>Ein anderer Anruf läuft: Lege zuerst dort auf</translation>
    </message>
    <message>
        <source>%1 is blocked: unblock them to call</source>
        <translation>%1 ist blockiert: Hebe die Blockierung auf, um anzurufen</translation>
    </message>
    <message>
        <source>Read the key warning first</source>
        <translation>Lies zuerst die Schlüsselwarnung</translation>
    </message>
    <message>
        <source>Calls need a direct connection: %1 is reached only through %2</source>
        <translation>Anrufe brauchen eine direkte Verbindung: %1 ist nur über %2 erreichbar</translation>
    </message>
    <message>
        <source>%1 is offline: calls need the peer online</source>
        <translation>%1 ist offline: Für Anrufe muss der Kontakt online sein</translation>
    </message>
    <message>
        <source>Call %1 (Ctrl+Shift+C)</source>
        <translation>%1 anrufen (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Choose a peer first.</source>
        <translation>Wähle zuerst einen Kontakt.</translation>
    </message>
    <message>
        <source>%1 — Confab</source>
        <translation>%1 — Confab</translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
    <message>
        <source>Queued — %1 is offline; it will be sent when they come back.</source>
        <translation>Vorgemerkt — %1 ist offline; die Nachricht wird gesendet, sobald der Kontakt wieder online ist.</translation>
    </message>
    <message>
        <source>Sent through other peers — %1 is offline here; they pass it on, unable to read it.</source>
        <translation>Über andere Kontakte gesendet — %1 ist hier offline; sie leiten die Nachricht weiter, ohne sie lesen zu können.</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message>
        <source>Connecting to %1… Their key is verified as soon as they answer.</source>
        <translation>Verbindung mit %1 wird hergestellt… Der Schlüssel gilt als verifiziert, sobald der Kontakt antwortet.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung mit %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Cannot add %1: %2</source>
        <translation>%1 kann nicht hinzugefügt werden: %2</translation>
    </message>
    <message>
        <source>Settings saved. The name, discovery mode and sound cards apply from the next start.</source>
        <translation>Einstellungen gespeichert. Name, Erkennungsmodus und Soundkarten gelten ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Your reply was not sent: %1</source>
        <translation>Deine Antwort wurde nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Confab is still running</source>
        <translation>Confab läuft weiter</translation>
    </message>
    <message>
        <source>Messages keep arriving. Quit from the tray icon&apos;s menu or with Ctrl+Q.</source>
        <translation>Nachrichten kommen weiterhin an. Beenden kannst du Confab über das Menü des Symbols im Infobereich oder mit Ctrl+Q.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation>Die bearbeitete Nachricht speichern</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>Die Antwort senden</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>New room (Ctrl+Shift+N)</source>
        <translation>Neuer Raum (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>New room</source>
        <translation>Neuer Raum</translation>
    </message>
    <message>
        <source>Enter opens the room. New Room is in the Room menu (Ctrl+Shift+N).</source>
        <translation>Enter öffnet den Raum. „Neuer Raum“ findest du im Menü „Raum“ (Ctrl+Shift+N).</translation>
    </message>
    <message>
        <source>a room</source>
        <translation>einem Raum</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>%1 mentioned you in %2</source>
        <translation>%1 hat dich in %2 erwähnt</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>Send &amp;Files to Members…</source>
        <translation>&amp;Dateien an die Mitglieder senden…</translation>
    </message>
    <message>
        <source>Send F&amp;older to Members…</source>
        <translation>&amp;Ordner an die Mitglieder senden…</translation>
    </message>
    <message>
        <source>Offer files to every other member of the room, each in your conversation with them (or drop them on the room&apos;s messages)</source>
        <translation>Dateien jedem anderen Mitglied des Raums anbieten, jeweils in eurer Unterhaltung (oder auf die Nachrichten des Raums ziehen)</translation>
    </message>
    <message>
        <source>Offer a folder to every other member of the room, each in your conversation with them</source>
        <translation>Einen Ordner jedem anderen Mitglied des Raums anbieten, jeweils in eurer Unterhaltung</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageChanges</name>
    <message>
        <source>Not edited: %1</source>
        <translation>Nicht bearbeitet: %1</translation>
    </message>
    <message>
        <source>Delete for Everyone?</source>
        <translation>Für alle löschen?</translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation>Diese Nachricht für alle löschen?</translation>
    </message>
    <message>
        <source>It goes from this computer now, and from your peer&apos;s copy as soon as their Confab is reachable (one too old to know deletions keeps it). Both conversations will show that a message was deleted. This cannot be undone.</source>
        <translation>Sie wird jetzt von diesem Computer gelöscht und aus der Kopie deines Kontakts, sobald dessen Confab erreichbar ist (eine Version, die zu alt ist, um Löschungen zu kennen, behält sie). Beide Unterhaltungen zeigen an, dass eine Nachricht gelöscht wurde. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the message for everyone</source>
        <translation>Die Nachricht für alle löschen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>Nicht gelöscht: %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageDelegate</name>
    <message>
        <source>edited · %1</source>
        <extracomment>Before a message&apos;s time in the conversation: &quot;edited · 14:02 · read&quot;.</extracomment>
        <translation>bearbeitet · %1</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>Neue Nachrichten</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageReactions</name>
    <message>
        <source>Reaction not taken back: %1</source>
        <translation>Reaktion nicht zurückgenommen: %1</translation>
    </message>
    <message>
        <source>Reaction not sent: %1</source>
        <translation>Reaktion nicht gesendet: %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageReplies</name>
    <message>
        <source>Replying to yourself</source>
        <translation>Antwort an dich selbst</translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation>Antwort an %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::MyAddressDialog</name>
    <message>
        <source>Copy &amp;Contact Text</source>
        <translation>&amp;Kontakttext kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Address</source>
        <translation>&amp;Adresse kopieren</translation>
    </message>
    <message>
        <source>My Address</source>
        <translation>Meine Adresse</translation>
    </message>
    <message>
        <source>People on your network can add you with one of these addresses. To add you and trust your key at once, they scan the code or paste your contact text into Add Peer. Give it to them yourself, or over a channel you trust.</source>
        <translation>Personen in deinem Netzwerk können dich über eine dieser Adressen hinzufügen. Um dich hinzuzufügen und deinem Schlüssel gleich zu vertrauen, scannen sie den Code oder fügen deinen Kontakttext unter „Kontakt hinzufügen“ ein. Gib ihn ihnen persönlich oder über einen Kanal, dem du vertraust.</translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation>Dein Fingerabdruck</translation>
    </message>
    <message>
        <source>A&amp;ddresses:</source>
        <translation>A&amp;dressen:</translation>
    </message>
    <message>
        <source>Your addresses</source>
        <translation>Deine Adressen</translation>
    </message>
    <message>
        <source>Copy the chosen address</source>
        <translation>Die ausgewählte Adresse kopieren</translation>
    </message>
    <message>
        <source>QR code of your contact text</source>
        <translation>QR-Code deines Kontakttexts</translation>
    </message>
    <message>
        <source>C&amp;ontact text:</source>
        <translation>K&amp;ontakttext:</translation>
    </message>
    <message>
        <source>Your contact text</source>
        <translation>Dein Kontakttext</translation>
    </message>
    <message>
        <source>Copy your contact text</source>
        <translation>Deinen Kontakttext kopieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Fingerabdruck:</translation>
    </message>
    <message>
        <source>Not listening yet: no address to show.</source>
        <translation>Noch nicht empfangsbereit: Es gibt keine Adresse zum Anzeigen.</translation>
    </message>
    <message>
        <source>Too many addresses for a QR code: copy the text.</source>
        <translation>Zu viele Adressen für einen QR-Code: Kopiere den Text.</translation>
    </message>
</context>
<context>
    <name>confab::ui::NamesakeNotice</name>
    <message>
        <source>Compare Safety &amp;Numbers…</source>
        <translation>Sicherheitscodes &amp;vergleichen…</translation>
    </message>
    <message>
        <source>Two peers with one name</source>
        <translation>Zwei Kontakte mit demselben Namen</translation>
    </message>
    <message>
        <source>Another peer has this name</source>
        <translation>Ein anderer Kontakt hat diesen Namen</translation>
    </message>
    <message>
        <source>Compare safety numbers with this peer</source>
        <translation>Sicherheitscodes mit diesem Kontakt vergleichen</translation>
    </message>
</context>
<context>
    <name>confab::ui::PassphraseDialog</name>
    <message>
        <source>S&amp;how the passphrase</source>
        <translation>Passphrase an&amp;zeigen</translation>
    </message>
    <message>
        <source>Back Up Identity</source>
        <translation>Identität sichern</translation>
    </message>
    <message>
        <source>Restore Identity</source>
        <translation>Identität wiederherstellen</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Was passiert</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>Noch &amp;einmal:</translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation>Die Passphrase anzeigen</translation>
    </message>
    <message>
        <source>Passphrase rules</source>
        <translation>Regeln für die Passphrase</translation>
    </message>
    <message>
        <source>Why it did not work</source>
        <translation>Warum es nicht geklappt hat</translation>
    </message>
    <message>
        <source>Sealing the key</source>
        <translation>Schlüssel wird verschlüsselt</translation>
    </message>
    <message>
        <source>Opening the backup</source>
        <translation>Sicherung wird geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save Backup</source>
        <translation>Sicherung &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Die Sicherung speichern</translation>
    </message>
    <message>
        <source>Restore the identity</source>
        <translation>Die Identität wiederherstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The passphrase chosen when the backup was made.</source>
        <translation>Die Passphrase, die beim Erstellen der Sicherung gewählt wurde.</translation>
    </message>
    <message>
        <source>At least %1 characters. A few unrelated words are easy to remember and hard to guess. Without the passphrase the backup cannot be opened: nobody can recover it.</source>
        <translation>Mindestens %1 Zeichen. Ein paar zusammenhanglose Wörter sind leicht zu merken und schwer zu erraten. Ohne die Passphrase lässt sich die Sicherung nicht öffnen: Niemand kann sie wiederherstellen.</translation>
    </message>
    <message>
        <source>Type the same passphrase again below.</source>
        <translation>Gib unten dieselbe Passphrase noch einmal ein.</translation>
    </message>
    <message>
        <source>Keep the passphrase somewhere safe, apart from the backup.</source>
        <translation>Bewahre die Passphrase an einem sicheren Ort auf, getrennt von der Sicherung.</translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerActions</name>
    <message>
        <source>E&amp;xport Conversation…</source>
        <translation>Unterhaltung e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation>&amp;Blockieren</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>Save the whole conversation as a text file or a web page</source>
        <translation>Die ganze Unterhaltung als Textdatei oder Webseite speichern</translation>
    </message>
    <message>
        <source>Give the peer a nickname of your own (F2)</source>
        <translation>Dem Kontakt einen eigenen Spitznamen geben (F2)</translation>
    </message>
    <message>
        <source>Block: no links, messages or calls from the peer, and nothing relayed for it</source>
        <translation>Blockieren: keine Verbindungen, Nachrichten oder Anrufe von diesem Kontakt und kein Weiterleiten für ihn</translation>
    </message>
    <message>
        <source>Remove the peer with your whole conversation</source>
        <translation>Den Kontakt samt der ganzen Unterhaltung entfernen</translation>
    </message>
    <message>
        <source>Un&amp;block</source>
        <translation>Blockierung &amp;aufheben</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>Aktionen für %1</translation>
    </message>
    <message>
        <source>%1 is shown by their own name again.</source>
        <translation>%1 wird wieder mit dem eigenen Namen angezeigt.</translation>
    </message>
    <message>
        <source>%1 is called %2 here now.</source>
        <translation>%1 heißt hier jetzt %2.</translation>
    </message>
    <message>
        <source>%1 is still blocked: %2</source>
        <translation>%1 ist weiterhin blockiert: %2</translation>
    </message>
    <message>
        <source>%1 was not blocked: %2</source>
        <translation>%1 wurde nicht blockiert: %2</translation>
    </message>
    <message>
        <source>%1 is unblocked: they can link, write and call again.</source>
        <translation>Die Blockierung von %1 ist aufgehoben: Der Kontakt kann sich wieder verbinden, schreiben und anrufen.</translation>
    </message>
    <message>
        <source>%1 is blocked: nothing from them reaches you until you unblock them (Peer menu).</source>
        <translation>%1 ist blockiert: Nichts von diesem Kontakt erreicht dich, bis du die Blockierung aufhebst (Menü „Kontakt“).</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>Remove %1 and your whole conversation with them?</source>
        <translation>%1 und die ganze Unterhaltung entfernen?</translation>
    </message>
    <message>
        <source>Every message with %1 is deleted from this computer, with their key and verification. This cannot be undone.</source>
        <translation>Alle Nachrichten mit %1 werden von diesem Computer gelöscht, zusammen mit Schlüssel und Verifizierung. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>%1 %2 stays blocked.</source>
        <translation>%1 %2 bleibt blockiert.</translation>
    </message>
    <message>
        <source>%1 If %2 is still on the network, they come back as a new peer; block them to keep them out.</source>
        <translation>%1 Ist %2 noch im Netzwerk, erscheint er oder sie wieder als neuer Kontakt; blockiere den Kontakt, um ihn fernzuhalten.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove the peer and the conversation</source>
        <translation>Den Kontakt und die Unterhaltung entfernen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation>%1 wurde nicht entfernt: %2</translation>
    </message>
    <message numerus="yes">
        <source>Removed %1 and %n message(s).</source>
        <translation>
            <numerusform>%1 und %n Nachricht entfernt.</numerusform>
            <numerusform>%1 und %n Nachrichten entfernt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerChecklist</name>
    <message>
        <source>Filter people</source>
        <translation>Personen filtern</translation>
    </message>
    <message>
        <source>Shows only the people whose name contains the text. Down or Enter goes to the list, Escape clears the text.</source>
        <translation>Zeigt nur die Personen, deren Name den Text enthält. Pfeil nach unten oder Enter wechselt zur Liste, Escape leert den Text.</translation>
    </message>
    <message>
        <source>People to choose</source>
        <translation>Auswählbare Personen</translation>
    </message>
    <message>
        <source>Space checks or unchecks the person.</source>
        <translation>Die Leertaste hakt die Person an oder ab.</translation>
    </message>
    <message>
        <source>Nobody to choose</source>
        <translation>Niemand zur Auswahl</translation>
    </message>
    <message>
        <source>No one to add yet: people appear here once Confab has found them on the network.</source>
        <translation>Noch niemand zum Hinzufügen: Personen erscheinen hier, sobald Confab sie im Netzwerk gefunden hat.</translation>
    </message>
    <message>
        <source>%1 (ID %2)</source>
        <extracomment>Someone whose name another peer has too, told apart by the start of the ID: &quot;Alice (ID 3fk2…)&quot;.</extracomment>
        <translation>%1 (ID %2)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>A person to choose and whether they are online: &quot;Bob — online&quot;, &quot;Carol — via Bob&quot;.</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>ID %1</source>
        <translation>ID %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerDelegate</name>
    <message>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>key warning</source>
        <translation>Schlüsselwarnung</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verifiziert</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerDetailsDialog</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The name they announce</source>
        <translation>Der Name, den der Kontakt selbst angibt</translation>
    </message>
    <message>
        <source>Peer ID</source>
        <translation>Kontakt-ID</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifizierung</translation>
    </message>
    <message>
        <source>Safety number</source>
        <translation>Sicherheitscode</translation>
    </message>
    <message>
        <source>Peer Details</source>
        <translation>Kontaktdetails</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>How to compare</source>
        <translation>So vergleichst du</translation>
    </message>
    <message>
        <source>&amp;Mark as Verified</source>
        <translation>Als &amp;verifiziert markieren</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Calls themselves:</source>
        <translation>Nennt sich selbst:</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Presence:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Route:</source>
        <translation>Route:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Verifizierung:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Mark %1 as Verified?</source>
        <translation>%1 als verifiziert markieren?</translation>
    </message>
    <message>
        <source>Did you compare the safety number with %1 in person or over a call, and did every digit match?</source>
        <translation>Hast du den Sicherheitscode persönlich oder in einem Anruf mit %1 verglichen, und hat jede Ziffer übereingestimmt?</translation>
    </message>
    <message>
        <source>&amp;Yes, Mark as Verified</source>
        <translation>&amp;Ja, als verifiziert markieren</translation>
    </message>
    <message>
        <source>Yes, I compared it: mark as verified</source>
        <translation>Ja, ich habe ihn verglichen: als verifiziert markieren</translation>
    </message>
    <message>
        <source>Remove Verification?</source>
        <translation>Verifizierung entfernen?</translation>
    </message>
    <message>
        <source>Remove the verification of %1?</source>
        <translation>Verifizierung von %1 entfernen?</translation>
    </message>
    <message>
        <source>%1 shows as not verified until you compare the safety number again.</source>
        <translation>%1 wird als nicht verifiziert angezeigt, bis du den Sicherheitscode erneut vergleichst.</translation>
    </message>
    <message>
        <source>&amp;Remove Verification</source>
        <translation>Verifizierung &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove verification</source>
        <translation>Verifizierung entfernen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Your computer cannot reach %1 directly; messages go through %2, who cannot read them. %1 is %n hop(s) away.</source>
        <translation>
            <numerusform>Dein Computer erreicht %1 nicht direkt; Nachrichten laufen über %2 und können dort nicht gelesen werden. %1 ist %n Hop entfernt.</numerusform>
            <numerusform>Dein Computer erreicht %1 nicht direkt; Nachrichten laufen über %2 und können dort nicht gelesen werden. %1 ist %n Hops entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Direct: your computer is connected to %1 itself, so messages go straight to %1 with nobody in between.</source>
        <translation>Direkt: Dein Computer ist mit %1 selbst verbunden, Nachrichten gehen also ohne Zwischenstation direkt an %1.</translation>
    </message>
    <message>
        <source>%1 cannot be reached now, directly or through other peers. What you send waits, here or sealed with peers that carry messages for others, until %1 is back.</source>
        <translation>%1 ist zurzeit weder direkt noch über andere Kontakte erreichbar. Was du sendest, wartet hier oder verschlüsselt bei Kontakten, die Nachrichten für andere transportieren, bis %1 wieder da ist.</translation>
    </message>
    <message>
        <source>Peer Details — %1</source>
        <translation>Kontaktdetails — %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>blocked: nothing from them reaches you (Unblock in the Peer menu)</source>
        <translation>blockiert: Nichts von diesem Kontakt erreicht dich („Blockierung aufheben“ im Menü „Kontakt“)</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Warning: someone presented a different key for %1. Compare the safety number below with %1 in person.</source>
        <translation>Warnung: Jemand hat für %1 einen anderen Schlüssel vorgelegt. Vergleiche den Sicherheitscode unten persönlich mit %1.</translation>
    </message>
    <message>
        <source>Verified: you compared the safety number with %1.</source>
        <translation>Verifiziert: Du hast den Sicherheitscode mit %1 verglichen.</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Nicht verifiziert</translation>
    </message>
    <message>
        <source>No safety number yet</source>
        <translation>Noch kein Sicherheitscode</translation>
    </message>
    <message>
        <source>%1&apos;s Confab shows the same number for you. Compare it in person or on a call you trust: read the groups aloud. If every digit matches, nobody is in between — mark %1 as verified.</source>
        <translation>Das Confab von %1 zeigt für dich denselben Code an. Vergleiche ihn persönlich oder in einem Anruf, dem du vertraust: Lest die Zifferngruppen laut vor. Stimmt jede Ziffer überein, ist niemand dazwischen — markiere %1 als verifiziert.</translation>
    </message>
    <message>
        <source>Mark as verified</source>
        <translation>Als verifiziert markieren</translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerListModel</name>
    <message>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>schreibt…</translation>
    </message>
    <message>
        <source>away</source>
        <translation>abwesend</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>beschäftigt</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <source>Another peer named %1, whom you verified, is online. If %1 reinstalled Confab, compare the safety number before trusting this one.</source>
        <translation>Ein anderer Kontakt namens %1, den du verifiziert hast, ist online. Falls %1 Confab neu installiert hat, vergleiche den Sicherheitscode, bevor du diesem Kontakt vertraust.</translation>
    </message>
    <message>
        <source>Another peer named %1, whom you verified, is offline. If %1 reinstalled Confab, compare the safety number before trusting this one.</source>
        <translation>Ein anderer Kontakt namens %1, den du verifiziert hast, ist offline. Falls %1 Confab neu installiert hat, vergleiche den Sicherheitscode, bevor du diesem Kontakt vertraust.</translation>
    </message>
    <message numerus="yes">
        <source>%n other peer(s) also called %1 (ID %2). This one&apos;s ID starts %3. Compare safety numbers to know who is who.</source>
        <translation>
            <numerusform>%n weiterer Kontakt heißt ebenfalls %1 (ID %2). Die ID dieses Kontakts beginnt mit %3. Vergleiche die Sicherheitscodes, um zu wissen, wer wer ist.</numerusform>
            <numerusform>%n weitere Kontakte heißen ebenfalls %1 (ID %2). Die ID dieses Kontakts beginnt mit %3. Vergleiche die Sicherheitscodes, um zu wissen, wer wer ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>You sent %1</source>
        <translation>Du hast %1 gesendet</translation>
    </message>
    <message>
        <source>Sent you %1</source>
        <translation>Hat dir %1 gesendet</translation>
    </message>
    <message>
        <source>No messages yet</source>
        <translation>Noch keine Nachrichten</translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation>Nachricht gelöscht</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Du: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>A peer and how it is reached: &quot;Bob — online&quot;, &quot;Carol — via Bob&quot;.</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n unread)</source>
        <translation>
            <numerusform>(%n ungelesen)</numerusform>
            <numerusform>(%n ungelesen)</numerusform>
        </translation>
    </message>
    <message>
        <source>calls themselves %1</source>
        <translation>nennt sich selbst %1</translation>
    </message>
    <message>
        <source>ID %1, another peer has the same name</source>
        <translation>ID %1, ein anderer Kontakt hat denselben Namen</translation>
    </message>
    <message>
        <source>blocked: nothing from them reaches you</source>
        <translation>blockiert: nichts von diesem Kontakt erreicht dich</translation>
    </message>
    <message numerus="yes">
        <source>reached via %1, %n hop(s) away</source>
        <translation>
            <numerusform>erreichbar über %1, %n Station entfernt</numerusform>
            <numerusform>erreichbar über %1, %n Stationen entfernt</numerusform>
        </translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verifiziert</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>nicht verifiziert</translation>
    </message>
    <message>
        <source>key warning: read it before sending</source>
        <translation>Schlüsselwarnung: vor dem Senden lesen</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n ungelesen</numerusform>
            <numerusform>%n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>last message: %1</source>
        <translation>letzte Nachricht: %1</translation>
    </message>
    <message>
        <source>%1
To let them in again: Unblock, in the Peer menu or this list&apos;s context menu.</source>
        <translation>%1
Um den Kontakt wieder zuzulassen: Blockierung aufheben, im Menü „Kontakt“ oder im Kontextmenü dieser Liste.</translation>
    </message>
    <message>
        <source>%1
No direct connection: messages go through %2, who cannot read them.</source>
        <translation>%1
Keine direkte Verbindung: Nachrichten laufen über %2, der sie nicht lesen kann.</translation>
    </message>
    <message>
        <source>%1
Address: %2</source>
        <translation>%1
Adresse: %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>confab::ui::PendingPeersPanel</name>
    <message>
        <source>Peers being added</source>
        <translation>Kontakte, die hinzugefügt werden</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>Verbindung zu %1 wird versucht…</translation>
    </message>
    <message>
        <source>Cannot reach %1 yet. %2 Trying again…</source>
        <translation>%1 ist noch nicht erreichbar. %2 Neuer Versuch…</translation>
    </message>
    <message>
        <source>Cannot reach %1 yet. %2 Confab keeps trying.</source>
        <translation>%1 ist noch nicht erreichbar. %2 Confab versucht es weiter.</translation>
    </message>
    <message>
        <source>Adding %1</source>
        <translation>%1 wird hinzugefügt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop trying %1</source>
        <translation>Versuche mit %1 beenden</translation>
    </message>
    <message>
        <source>Stop trying %1 and forget it</source>
        <translation>Versuche mit %1 beenden und die Adresse vergessen</translation>
    </message>
</context>
<context>
    <name>confab::ui::PresenceControl</name>
    <message>
        <source>Sta&amp;tus</source>
        <translation>Sta&amp;tus</translation>
    </message>
    <message>
        <source>&amp;Available</source>
        <translation>&amp;Verfügbar</translation>
    </message>
    <message>
        <source>A&amp;way</source>
        <translation>&amp;Abwesend</translation>
    </message>
    <message>
        <source>&amp;Busy — do not disturb</source>
        <translation>&amp;Beschäftigt — nicht stören</translation>
    </message>
    <message>
        <source>Peers see you are there</source>
        <translation>Kontakte sehen, dass du da bist</translation>
    </message>
    <message>
        <source>Peers see you are not at the computer</source>
        <translation>Kontakte sehen, dass du nicht am Computer bist</translation>
    </message>
    <message>
        <source>Peers see you do not want to be disturbed; no notifications or sounds here</source>
        <translation>Kontakte sehen, dass du nicht gestört werden möchtest; hier gibt es keine Benachrichtigungen oder Töne</translation>
    </message>
    <message>
        <source>Your status</source>
        <translation>Dein Status</translation>
    </message>
    <message>
        <source>Your status, as peers see it. Change it here or in File → Status.</source>
        <translation>Dein Status, wie deine Kontakte ihn sehen. Ändere ihn hier oder unter Datei → Status.</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Beschäftigt</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
</context>
<context>
    <name>confab::ui::RelaySettingsSection</name>
    <message>
        <source>Relaying</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <source>Ca&amp;rry messages and files for others</source>
        <translation>Nachrichten und Dateien &amp;für andere weiterleiten</translation>
    </message>
    <message>
        <source>Peers that cannot reach each other directly can send their messages and files through this computer. They are sealed: it cannot read them.</source>
        <translation>Kontakte, die einander nicht direkt erreichen, können ihre Nachrichten und Dateien über diesen Computer senden. Sie sind versiegelt: Dieser Computer kann sie nicht lesen.</translation>
    </message>
    <message>
        <source>About relaying</source>
        <translation>Über das Weiterleiten</translation>
    </message>
    <message>
        <source>Carry messages and files for others</source>
        <translation>Nachrichten und Dateien für andere weiterleiten</translation>
    </message>
    <message>
        <source>Hold and pass on messages, and pass file drops on, between peers that cannot reach each other directly. Both are sealed: this computer cannot read them. File drops for others take at most the speed set below of this computer&apos;s network.</source>
        <translation>Nachrichten zwischen Kontakten, die einander nicht direkt erreichen, aufbewahren und weitergeben, und Dateiübertragungen zwischen ihnen weiterleiten. Beides ist versiegelt: Dieser Computer kann nichts davon lesen. Dateiübertragungen für andere nutzen höchstens die unten eingestellte Geschwindigkeit des Netzwerks dieses Computers.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Storage limit for messages carried for others, in MiB</source>
        <translation>Speicherlimit für weitergeleitete Nachrichten anderer, in MiB</translation>
    </message>
    <message>
        <source>The most disk space that messages held for peers who are away may take. Each peer that hands messages over may fill only a small share of it.</source>
        <translation>Der maximale Speicherplatz, den Nachrichten für abwesende Kontakte belegen dürfen. Jeder Kontakt, der Nachrichten übergibt, darf nur einen kleinen Teil davon füllen.</translation>
    </message>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>None passed on</source>
        <translation>Keine Weitergabe</translation>
    </message>
    <message>
        <source>Speed for file drops passed on for others, in KiB per second</source>
        <translation>Geschwindigkeit für weitergeleitete Dateiübertragungen anderer, in KiB pro Sekunde</translation>
    </message>
    <message>
        <source>The most of this computer&apos;s network that file drops between other peers may take, all of them together; 0 passes none on. 2560 KiB/s is about 20 Mbit/s.</source>
        <translation>Der größte Anteil am Netzwerk dieses Computers, den Dateiübertragungen zwischen anderen Kontakten zusammen nutzen dürfen; bei 0 wird nichts weitergeleitet. 2560 KiB/s sind etwa 20 Mbit/s.</translation>
    </message>
    <message>
        <source>Carrying messages in this run</source>
        <translation>Weiterleiten von Nachrichten in dieser Sitzung</translation>
    </message>
    <message>
        <source>Storage &amp;limit:</source>
        <translation>S&amp;peicherlimit:</translation>
    </message>
    <message>
        <source>Fil&amp;es, at most:</source>
        <translation>Dateien, ma&amp;ximal:</translation>
    </message>
    <message>
        <source>Confab carries messages for others in this run, keeping up to %1 MiB for them, and passes their files on at up to %2 KiB/s</source>
        <translation>Confab leitet in dieser Sitzung Nachrichten für andere weiter, bewahrt dafür bis zu %1 MiB auf und gibt ihre Dateien mit bis zu %2 KiB/s weiter</translation>
    </message>
    <message>
        <source>Confab carries no messages for others in this run</source>
        <translation>Confab leitet in dieser Sitzung keine Nachrichten für andere weiter</translation>
    </message>
    <message>
        <source>%1: it was started with %2, which overrides these settings. What you choose here applies when Confab starts without that option.</source>
        <translation>%1: Confab wurde mit %2 gestartet, was diese Einstellungen übersteuert. Was du hier wählst, gilt, wenn Confab ohne diese Option startet.</translation>
    </message>
    <message>
        <source>%1; your choice applies from the next start.</source>
        <translation>%1; deine Auswahl gilt ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>confab::ui::RenamePeerDialog</name>
    <message>
        <source>Rename %1</source>
        <translation>%1 umbenennen</translation>
    </message>
    <message>
        <source>&amp;Nickname, shown only on this computer:</source>
        <translation>&amp;Spitzname, nur auf diesem Computer sichtbar:</translation>
    </message>
    <message>
        <source>About nicknames</source>
        <translation>Über Spitznamen</translation>
    </message>
    <message>
        <source>Leave it empty to show the peer by its ID again.</source>
        <translation>Lass das Feld leer, um den Kontakt wieder mit seiner ID anzuzeigen.</translation>
    </message>
    <message>
        <source>They call themselves “%1”; Peer Details still shows that name. Leave it empty to use it again.</source>
        <translation>Der Kontakt nennt sich selbst „%1“; die Kontaktdetails zeigen diesen Namen weiterhin. Lass das Feld leer, um ihn wieder zu verwenden.</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>Why the nickname was not taken</source>
        <translation>Warum der Spitzname nicht übernommen wurde</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Rename the peer</source>
        <translation>Kontakt umbenennen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomActions</name>
    <message>
        <source>The room “%1” was not made: %2</source>
        <translation>Der Raum „%1“ wurde nicht erstellt: %2</translation>
    </message>
    <message>
        <source>Made the room “%1”; its members are being told.</source>
        <translation>Raum „%1“ erstellt; seine Mitglieder werden benachrichtigt.</translation>
    </message>
    <message>
        <source>Invited %1.</source>
        <translation>%1 eingeladen.</translation>
    </message>
    <message>
        <source>Rename Room</source>
        <translation>Raum umbenennen</translation>
    </message>
    <message>
        <source>New name for “%1” (every member sees it):</source>
        <translation>Neuer Name für „%1“ (alle Mitglieder sehen ihn):</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Renamed the room to “%1”.</source>
        <translation>Raum in „%1“ umbenannt.</translation>
    </message>
    <message>
        <source>You are its only admin: the member who has been in it longest becomes admin. Its history stays on this computer; you get nothing new unless someone invites you again.</source>
        <translation>Du bist der einzige Admin: Das Mitglied, das am längsten im Raum ist, wird Admin. Der Verlauf bleibt auf diesem Computer; du erhältst nichts Neues mehr, bis dich jemand wieder einlädt.</translation>
    </message>
    <message>
        <source>Its history stays on this computer; you get nothing new unless someone invites you again.</source>
        <translation>Der Verlauf bleibt auf diesem Computer; du erhältst nichts Neues mehr, bis dich jemand wieder einlädt.</translation>
    </message>
    <message>
        <source>Leave “%1”?</source>
        <translation>„%1“ verlassen?</translation>
    </message>
    <message>
        <source>Leave the room “%1”?</source>
        <translation>Den Raum „%1“ verlassen?</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>&amp;Verlassen</translation>
    </message>
    <message>
        <source>You left “%1”.</source>
        <translation>Du hast „%1“ verlassen.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 entfernen?</translation>
    </message>
    <message>
        <source>Remove %1 from “%2”?</source>
        <translation>%1 aus „%2“ entfernen?</translation>
    </message>
    <message>
        <source>%1 keeps what they have, but cannot read anything written in the room from now on.</source>
        <translation>%1 behält alles Bisherige, kann aber ab jetzt nichts mehr lesen, was im Raum geschrieben wird.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Removed %1 from the room.</source>
        <translation>%1 aus dem Raum entfernt.</translation>
    </message>
    <message>
        <source>%1 is an admin now.</source>
        <translation>%1 ist jetzt Admin.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomCallPanel</name>
    <message>
        <source>speaking</source>
        <translation>spricht</translation>
    </message>
    <message>
        <source>Room call</source>
        <translation>Gruppenanruf</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Beitreten</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <source>&amp;Leave Call</source>
        <translation>Anruf ver&amp;lassen</translation>
    </message>
    <message>
        <source>Call state</source>
        <translation>Anrufstatus</translation>
    </message>
    <message>
        <source>Join the room call</source>
        <translation>Dem Gruppenanruf beitreten</translation>
    </message>
    <message>
        <source>Join the call (Ctrl+Shift+A)</source>
        <translation>Dem Anruf beitreten (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Decline the room call</source>
        <translation>Den Gruppenanruf ablehnen</translation>
    </message>
    <message>
        <source>Decline the call (Ctrl+Shift+D)</source>
        <translation>Den Anruf ablehnen (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation>Mikrofon stummschalten</translation>
    </message>
    <message>
        <source>Mute or unmute your microphone for everyone in the call (Ctrl+M)</source>
        <translation>Dein Mikrofon für alle im Anruf stummschalten oder wieder einschalten (Ctrl+M)</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <source>Leave the room call</source>
        <translation>Den Gruppenanruf verlassen</translation>
    </message>
    <message>
        <source>Leave the call; the others stay in it (Ctrl+Shift+H)</source>
        <translation>Den Anruf verlassen; die anderen bleiben darin (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <source>Call notice</source>
        <translation>Anrufhinweis</translation>
    </message>
    <message>
        <source>silenced</source>
        <translation>ausgeblendet</translation>
    </message>
    <message>
        <source>Unmute the microphone</source>
        <translation>Stummschaltung des Mikrofons aufheben</translation>
    </message>
    <message>
        <source>Your microphone is muted: nobody in the call hears you.</source>
        <translation>Dein Mikrofon ist stummgeschaltet: Niemand im Anruf hört dich.</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Member&apos;s state</source>
        <translation>Status des Mitglieds</translation>
    </message>
    <message>
        <source>calling you</source>
        <translation>ruft dich an</translation>
    </message>
    <message>
        <source>ringing</source>
        <translation>klingelt</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>in the call</source>
        <translation>im Anruf</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Spricht</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Hear</source>
        <translation>Hören</translation>
    </message>
    <message>
        <source>Hear %1 again</source>
        <translation>%1 wieder hören</translation>
    </message>
    <message>
        <source>Stop hearing %1</source>
        <translation>%1 nicht mehr hören</translation>
    </message>
    <message>
        <source>Stop hearing %1 here; the others still hear them</source>
        <translation>%1 hier nicht mehr hören; die anderen hören weiterhin mit</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomConversationModel</name>
    <message>
        <source>You at %1, %2: %3</source>
        <translation>Du um %1, %2: %3</translation>
    </message>
    <message>
        <source>%1 at %2, mentions you: %3</source>
        <translation>%1 um %2, erwähnt dich: %3</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 um %2: %3</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomListModel</name>
    <message>
        <source>You left this room</source>
        <translation>Du hast diesen Raum verlassen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The second line of a room in the list: &quot;5 members · 2 online&quot;.</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message>
        <source>Room %1</source>
        <translation>Raum %1</translation>
    </message>
    <message>
        <source>you left this room</source>
        <translation>du hast diesen Raum verlassen</translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n ungelesene Nachricht</numerusform>
            <numerusform>%n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>you</source>
        <translation>du</translation>
    </message>
    <message>
        <source>%1 (admin)</source>
        <extracomment>A room member who may invite, remove, promote and rename: &quot;Alice (admin)&quot;.</extracomment>
        <translation>%1 (Admin)</translation>
    </message>
    <message>
        <source>Members: %1</source>
        <translation>Mitglieder: %1</translation>
    </message>
    <message>
        <source>You left this room.</source>
        <translation>Du hast diesen Raum verlassen.</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomMemberList</name>
    <message>
        <source>Room members</source>
        <translation>Raummitglieder</translation>
    </message>
    <message>
        <source>The Menu key or Shift+F10 offers Remove and Make Admin to an admin.</source>
        <translation>Mit der Menütaste oder Shift+F10 können Admins Mitglieder entfernen oder zum Admin machen.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>%1 (admin)</source>
        <translation>%1 (Admin)</translation>
    </message>
    <message>
        <source>%1, online</source>
        <translation>%1, online</translation>
    </message>
    <message>
        <source>%1, offline</source>
        <translation>%1, offline</translation>
    </message>
    <message>
        <source>%1
ID %2</source>
        <translation>%1
ID %2</translation>
    </message>
    <message>
        <source>Make %1 an &amp;Admin</source>
        <translation>%1 zum &amp;Admin machen</translation>
    </message>
    <message>
        <source>&amp;Remove %1 from the Room…</source>
        <translation>%1 aus dem Raum &amp;entfernen…</translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomPane</name>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>Room members and presence</source>
        <translation>Raummitglieder und Status</translation>
    </message>
    <message>
        <source>&amp;Call Room</source>
        <translation>Raum &amp;anrufen</translation>
    </message>
    <message>
        <source>&amp;Invite to Room…</source>
        <translation>In den Raum &amp;einladen…</translation>
    </message>
    <message>
        <source>Re&amp;name Room…</source>
        <translation>Raum &amp;umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Leave Room…</source>
        <translation>Raum &amp;verlassen…</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <source>Call everyone in the room</source>
        <translation>Alle im Raum anrufen</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>&amp;Einladen…</translation>
    </message>
    <message>
        <source>Invite people to this room</source>
        <translation>Personen in diesen Raum einladen</translation>
    </message>
    <message>
        <source>Lea&amp;ve…</source>
        <translation>&amp;Verlassen…</translation>
    </message>
    <message>
        <source>Leave this room</source>
        <translation>Diesen Raum verlassen</translation>
    </message>
    <message>
        <source>Room messages</source>
        <translation>Raumnachrichten</translation>
    </message>
    <message>
        <source>Membership notice</source>
        <translation>Hinweis zur Mitgliedschaft</translation>
    </message>
    <message>
        <source>You are no longer a member of this room. Its history stays here; you get nothing new unless someone invites you again.</source>
        <translation>Du bist kein Mitglied dieses Raums mehr. Der Verlauf bleibt hier; du erhältst nichts Neues mehr, bis dich jemand wieder einlädt.</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>Was schiefgelaufen ist</translation>
    </message>
    <message>
        <source>Write to the room — Enter sends, Shift+Enter starts a new line; @name notifies someone</source>
        <translation>An den Raum schreiben — Enter sendet, Shift+Enter beginnt eine neue Zeile; @Name benachrichtigt jemanden</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send message to the room</source>
        <translation>Nachricht an den Raum senden</translation>
    </message>
    <message>
        <source>Open a room to call it</source>
        <translation>Öffne einen Raum, um ihn anzurufen</translation>
    </message>
    <message>
        <source>You left this room: there is nobody to call</source>
        <translation>Du hast diesen Raum verlassen: Es gibt niemanden anzurufen</translation>
    </message>
    <message>
        <source>You are in this room&apos;s call</source>
        <translation>Du bist im Anruf dieses Raums</translation>
    </message>
    <message>
        <source>Join the call that rings here (Ctrl+Shift+R)</source>
        <translation>Dem Anruf beitreten, der hier klingelt (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Another call is in progress: hang it up first</source>
        <translation>Ein anderer Anruf läuft: Beende ihn zuerst</translation>
    </message>
    <message>
        <source>Call everyone in the room who is online (Ctrl+Shift+R)</source>
        <translation>Alle im Raum anrufen, die online sind (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchPanel</name>
    <message>
        <source>Search messages</source>
        <translation>Nachrichten durchsuchen</translation>
    </message>
    <message>
        <source>Finds messages with every word typed, each as the start of a word. Down goes to the messages found; Escape clears the text, then ends the search.</source>
        <translation>Findet Nachrichten, die jedes eingegebene Wort enthalten, jeweils als Wortanfang. Pfeil nach unten springt zu den gefundenen Nachrichten; Escape leert den Text und beendet dann die Suche.</translation>
    </message>
    <message>
        <source>End the search (Escape)</source>
        <translation>Suche beenden (Escape)</translation>
    </message>
    <message>
        <source>End the search</source>
        <translation>Suche beenden</translation>
    </message>
    <message>
        <source>&amp;In:</source>
        <translation>&amp;In:</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>Suchen in</translation>
    </message>
    <message>
        <source>All conversations</source>
        <translation>Alle Unterhaltungen</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>Gefundene Nachrichten</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Suchergebnis</translation>
    </message>
    <message>
        <source>Conversation with %1</source>
        <translation>Unterhaltung mit %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchResultDelegate</name>
    <message>
        <source>You to %1</source>
        <translation>Du an %1</translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchResultsModel</name>
    <message>
        <source>No messages found.</source>
        <translation>Keine Nachrichten gefunden.</translation>
    </message>
    <message>
        <source>The newest %1 messages found.</source>
        <translation>Die neuesten %1 gefundenen Nachrichten.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found.</source>
        <translation>
            <numerusform>%n Nachricht gefunden.</numerusform>
            <numerusform>%n Nachrichten gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>You to %1, %2: %3</source>
        <translation>Du an %1, %2: %3</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
</context>
<context>
    <name>confab::ui::SettingsDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Accept files from verified contacts automatically</source>
        <translation>Dateien von verifizierten Kontakten a&amp;utomatisch annehmen</translation>
    </message>
    <message>
        <source>Start m&amp;inimised (in the tray when there is one)</source>
        <translation>M&amp;inimiert starten (im Infobereich, falls vorhanden)</translation>
    </message>
    <message>
        <source>Show notifications for messa&amp;ges, calls and files</source>
        <translation>Benachrichtigungen für Nachrichten, Anrufe und Dateien &amp;zeigen</translation>
    </message>
    <message>
        <source>With a so&amp;und</source>
        <translation>Mit &amp;Hinweiston</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Download-Ordner auswählen</translation>
    </message>
    <message>
        <source>Accept files from verified contacts automatically</source>
        <translation>Dateien von verifizierten Kontakten automatisch annehmen</translation>
    </message>
    <message>
        <source>Files from contacts whose safety number you compared go to the download folder without asking; files from anyone else always wait for you.</source>
        <translation>Dateien von Kontakten, deren Sicherheitscode du verglichen hast, landen ohne Nachfrage im Download-Ordner; Dateien von allen anderen warten immer auf dich.</translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation>Minimiert starten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Show me as away after this many minutes without using Confab</source>
        <translation>Mich nach so vielen Minuten ohne Nutzung von Confab als abwesend anzeigen</translation>
    </message>
    <message>
        <source>Peers see you as away once nobody has typed or moved the mouse in Confab for this long, and available again as soon as you do. 0: never.</source>
        <translation>Kontakte sehen dich als abwesend, sobald so lange niemand in Confab getippt oder die Maus bewegt hat, und wieder als verfügbar, sobald du das tust. 0: nie.</translation>
    </message>
    <message>
        <source>Discovery mode</source>
        <translation>Erkennungsmodus</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>The system&apos;s Avahi daemon if it runs, else the built-in mDNS</source>
        <translation>Der Avahi-Dienst des Systems, falls er läuft, sonst das eingebaute mDNS</translation>
    </message>
    <message>
        <source>Avahi (system mDNS)</source>
        <translation>Avahi (System-mDNS)</translation>
    </message>
    <message>
        <source>Only the system&apos;s Avahi daemon</source>
        <translation>Nur der Avahi-Dienst des Systems</translation>
    </message>
    <message>
        <source>Built-in mDNS</source>
        <translation>Eingebautes mDNS</translation>
    </message>
    <message>
        <source>Confab&apos;s own mDNS responder, also where Avahi runs</source>
        <translation>Der eigene mDNS-Responder von Confab, auch wenn Avahi läuft</translation>
    </message>
    <message>
        <source>Off (addresses only)</source>
        <translation>Aus (nur Adressen)</translation>
    </message>
    <message>
        <source>No multicast: only peers added by address, remembered or passed on</source>
        <translation>Kein Multicast: nur Kontakte, die per Adresse hinzugefügt, gespeichert oder weitergegeben wurden</translation>
    </message>
    <message>
        <source>Discovery in this run</source>
        <translation>Erkennung in dieser Sitzung</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Download &amp;folder:</source>
        <translation>Download-&amp;Ordner:</translation>
    </message>
    <message>
        <source>Show notifications for messages, calls and files</source>
        <translation>Benachrichtigungen für Nachrichten, Anrufe und Dateien zeigen</translation>
    </message>
    <message>
        <source>When the window is not in front. Busy turns them off for a while.</source>
        <translation>Wenn das Fenster nicht im Vordergrund ist. „Beschäftigt“ schaltet sie vorübergehend aus.</translation>
    </message>
    <message>
        <source>Notifications play a sound</source>
        <translation>Benachrichtigungen spielen einen Ton ab</translation>
    </message>
    <message>
        <source>The desktop&apos;s own sound for a new message or a call.</source>
        <translation>Der Ton des Desktops für eine neue Nachricht oder einen Anruf.</translation>
    </message>
    <message>
        <source>Awa&amp;y after:</source>
        <translation>Abwesend na&amp;ch:</translation>
    </message>
    <message>
        <source>&amp;Discovery:</source>
        <translation>E&amp;rkennung:</translation>
    </message>
    <message>
        <source>The display name, the discovery mode, relaying, the sound cards and starting minimised take effect the next time Confab starts; your picture, the download folder, accepting files, away after, notifications, low latency and echo cancellation apply from now on.</source>
        <translation>Anzeigename, Erkennungsmodus, Weiterleiten, Soundkarten und minimierter Start wirken beim nächsten Start von Confab; dein Bild, der Download-Ordner, das Annehmen von Dateien, „Abwesend nach“, Benachrichtigungen, geringe Latenz und Echounterdrückung gelten ab sofort.</translation>
    </message>
    <message>
        <source>When settings apply</source>
        <translation>Wann Einstellungen wirksam werden</translation>
    </message>
    <message>
        <source>Settings problem</source>
        <translation>Problem mit den Einstellungen</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Discovery is “%1” in this run: Confab was started with the option --discovery %2, which overrides this setting. The saved choice, “%3”, applies when Confab starts without that option.</source>
        <translation>Die Erkennung ist in dieser Sitzung „%1“: Confab wurde mit der Option --discovery %2 gestartet, die diese Einstellung übersteuert. Die gespeicherte Auswahl „%3“ gilt, wenn Confab ohne diese Option startet.</translation>
    </message>
    <message>
        <source>Discovery stays “%1” in this run: Confab was started with the option --discovery %2. “%3” applies when Confab starts without that option.</source>
        <translation>Die Erkennung bleibt in dieser Sitzung „%1“: Confab wurde mit der Option --discovery %2 gestartet. „%3“ gilt, wenn Confab ohne diese Option startet.</translation>
    </message>
    <message>
        <source>This run uses “%1”; “%2” applies from the next start.</source>
        <translation>Diese Sitzung verwendet „%1“; „%2“ gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation>Download-Ordner</translation>
    </message>
</context>
<context>
    <name>confab::ui::ShortcutsDialog</name>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>%1 menu</source>
        <translation>Menü „%1“</translation>
    </message>
    <message>
        <source>Anywhere else</source>
        <translation>Überall sonst</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Start a new line in the message</source>
        <translation>Neue Zeile in der Nachricht beginnen</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <source>Copy the selected messages</source>
        <translation>Ausgewählte Nachrichten kopieren</translation>
    </message>
    <message>
        <source>Reply to the current message</source>
        <translation>Auf die aktuelle Nachricht antworten</translation>
    </message>
    <message>
        <source>Actions for the peer in the list (rename, block, export…)</source>
        <translation>Aktionen für den Kontakt in der Liste (umbenennen, blockieren, exportieren…)</translation>
    </message>
    <message>
        <source>Menu or Shift+F10</source>
        <translation>Menütaste oder Shift+F10</translation>
    </message>
    <message>
        <source>Clear the peer filter; end a search</source>
        <translation>Kontaktfilter leeren; Suche beenden</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <source>Talk while push-to-talk is on</source>
        <translation>Sprechen, wenn Push-to-Talk aktiv ist</translation>
    </message>
    <message>
        <source>Hold Space</source>
        <translation>Leertaste gedrückt halten</translation>
    </message>
    <message>
        <source>Move between the parts of the window</source>
        <translation>Zwischen den Bereichen des Fensters wechseln</translation>
    </message>
    <message>
        <source>Tab or Shift+Tab</source>
        <translation>Tab oder Shift+Tab</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>confab::ui::StartupFlow</name>
    <message>
        <source>Confab cannot start</source>
        <translation>Confab kann nicht starten</translation>
    </message>
</context>
<context>
    <name>confab::ui::TransferActions</name>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Annehmen</translation>
    </message>
    <message>
        <source>Accept &amp;To…</source>
        <translation>Annehmen &amp;nach…</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>Ab&amp;lehnen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel Transfer</source>
        <translation>Übertragung abbre&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öffnen</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>Im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <source>Copy File &amp;Hash (BLAKE2b-256)</source>
        <translation>Datei-&amp;Hash kopieren (BLAKE2b-256)</translation>
    </message>
    <message>
        <source>Save the Files In</source>
        <translation>Dateien speichern in</translation>
    </message>
    <message>
        <source>Cannot decline: %1</source>
        <translation>Ablehnen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot pause: %1</source>
        <translation>Pausieren nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation>Fortsetzen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot cancel: %1</source>
        <translation>Abbrechen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Copied the file&apos;s BLAKE2b-256 hash (compare it with `b2sum -l 256`).</source>
        <translation>BLAKE2b-256-Hash der Datei kopiert (vergleiche ihn mit `b2sum -l 256`).</translation>
    </message>
    <message>
        <source>Cannot accept: %1</source>
        <translation>Annehmen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation>Dateien an %1 senden</translation>
    </message>
    <message>
        <source>Send a Folder to %1</source>
        <translation>Ordner an %1 senden</translation>
    </message>
    <message>
        <source>Nothing on this computer opens %1.</source>
        <translation>Auf diesem Computer gibt es kein Programm, das %1 öffnet.</translation>
    </message>
    <message>
        <source>Send Files to the Members of “%1”</source>
        <translation>Dateien an die Mitglieder von „%1“ senden</translation>
    </message>
    <message>
        <source>Send a Folder to the Members of “%1”</source>
        <translation>Ordner an die Mitglieder von „%1“ senden</translation>
    </message>
</context>
<context>
    <name>confab::ui::TransferNotifier</name>
    <message>
        <source>Files from %1</source>
        <translation>Dateien von %1</translation>
    </message>
    <message>
        <source>Files received</source>
        <translation>Dateien empfangen</translation>
    </message>
    <message>
        <source>File transfer failed</source>
        <translation>Dateiübertragung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>confab::ui::TrayIcon</name>
    <message>
        <source>&amp;Show Confab</source>
        <translation>Confab &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message numerus="yes">
        <source>Confab — %n unread message(s)</source>
        <translation>
            <numerusform>Confab — %n ungelesene Nachricht</numerusform>
            <numerusform>Confab — %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Confab — no unread messages</source>
        <translation>Confab — keine ungelesenen Nachrichten</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
</context>
</TS>
