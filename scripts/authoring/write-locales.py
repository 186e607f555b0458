# One-time authoring helper: writes _locales/{en,ja}/messages.json from the table below. After the first
# commit the JSON files are the source of truth; this script is kept only as a record and is not run by builds.
import json, collections
M = collections.OrderedDict()
def m(key, en, ja): M[key] = (en, ja)

m('extName', 'Renewal Radar', 'Renewal Radar')
m('extDescription', "Warns you before your site's next TLS certificate renewal fails — why, at which host, and how to fix it.", 'サイトのSSL証明書の次の更新が失敗しそうなときに、原因・サーバー会社・直し方を事前にお知らせします。')
m('actionTitle', 'Renewal Radar', 'Renewal Radar')

# Not applicable
m('na_scheme', 'This page is not served over http or https ({scheme}:).', 'このページはhttp/httpsのページではありません({scheme}:)。')
m('na_ip', 'The address is an IP address: no domain certificate to renew.', 'アドレスがIPアドレスのため、ドメインのSSL証明書の更新は関係ありません。')
m('na_localhost', 'This is a local address on your own computer.', 'お使いのパソコン内のアドレスです。')
m('na_single_label', 'This is a single-label name, not a public domain.', 'ドットを含まない名前で、公開ドメインではありません。')
m('na_no_suffix', 'The name is not under a public domain suffix, so no public certificate applies.', '公開ドメイン(.jp や .com など)の名前ではないため、公開SSL証明書は関係ありません。')
m('na_browser_page', 'This is a browser page, not a website.', 'ブラウザーの内部ページで、Webサイトではありません。')

# Verdict
m('verdict_fail', 'The next certificate renewal will fail.', '次回のSSL証明書の更新は失敗します。')
m('verdict_warn', 'The next certificate renewal is at risk.', '次回のSSL証明書の更新に失敗するおそれがあります。')
m('verdict_unknown', 'We could not check this site.', 'このサイトを確認できませんでした。')
m('verdict_ok', 'No problem found: the next renewal should succeed.', '問題は見つかりませんでした。次回の更新は成功する見込みです。')
m('verdict_not_applicable', 'Not applicable.', '確認の対象外です。')
m('verdict_checking', 'Checking…', '確認中…')
m('verdict_expiry', 'The certificate expires on {date} ({days} days left).', 'SSL証明書の有効期限は{date}です(残り{days}日)。')
m('verdict_expired', 'The certificate expired on {date}.', 'SSL証明書は{date}に期限切れになっています。')
m('verdict_host_schedule', '{host} renews {renew} days before expiry and retries at {retries} days.', '{host}は有効期限の{renew}日前に自動更新し、失敗すると残り{retries}日で再試行します。')
m('verdict_host_schedule_noretry', '{host} renews {renew} days before expiry.', '{host}は有効期限の{renew}日前に自動更新します。')
m('verdict_renewal_point', 'Renewal is due around {date}.', '更新時期の目安は{date}ごろです。')

# Findings
F = [
 ('finding_domain_not_registered', 'The domain {domain} does not exist in DNS (NXDOMAIN): it is not registered, or it was deleted.', 'ドメイン {domain} がDNS上に存在しません(NXDOMAIN)。未登録か、削除されています。'),
 ('finding_domain_expired_held', 'The domain {domain} expired on {date} and has been suspended: it no longer works.', 'ドメイン {domain} は{date}に有効期限が切れ、停止されています。'),
 ('finding_domain_expired_grace', 'The domain {domain} expired on {date} and is in its grace period: renew it now.', 'ドメイン {domain} は{date}に有効期限が切れ、猶予期間中です。すぐに更新してください。'),
 ('finding_domain_expiring', 'The domain {domain} expires on {date} ({days} days left).', 'ドメイン {domain} の有効期限は{date}です(残り{days}日)。'),
 ('finding_no_address', '{name} has no A or AAAA record: nothing can reach it.', '{name} にAレコードもAAAAレコードもなく、どこにもつながりません。'),
 ('finding_reserved_address', '{name} points at {address}, a private or reserved address the certificate authority cannot reach.', '{name} は {address} を向いています。これはプライベート(予約済み)アドレスで、認証局からは届きません。'),
 ('finding_proxied_fail', "{name} points at {cdn}'s proxy, so {host} cannot reach its own server when it renews the certificate.", '{name} が{cdn}のプロキシを向いているため、{host}はSSL証明書の更新時に自分のサーバーを確認できません。'),
 ('finding_proxied_warn', "{name} points at {cdn}'s proxy; {host} may not be able to verify the domain when it renews.", '{name} が{cdn}のプロキシを向いているため、{host}が更新時にドメインを確認できないおそれがあります。'),
 ('finding_proxied_info', '{name} is served through {cdn}, which renews its own certificate for visitors.', '{name} は{cdn}経由で配信されています。訪問者向けのSSL証明書は{cdn}が更新します。'),
 ('finding_proxied_ok', "{name} is served through {cdn}; {host}'s renewal does not depend on where the name points.", "{name} は{cdn}経由で配信されていますが、{host}の更新はドメインの向き先に左右されません。"),
 ('finding_nameservers_fail', "The domain uses {dns}'s nameservers, but {host} can renew only while its own nameservers are in use.", 'ドメインのネームサーバーが{dns}になっていますが、{host}は自社のネームサーバーでないと更新できません。'),
 ('finding_nameservers_warn', "The domain uses {dns}'s nameservers instead of {host}'s; {host} may re-check through its own DNS when it renews.", 'ドメインのネームサーバーが{host}ではなく{dns}になっています。{host}は更新時に自社のDNSで確認し直すことがあります。'),
 ('finding_nameservers_info', "The domain uses {dns}'s nameservers, not {host}'s. That is fine as long as the records point at {host}.", 'ドメインのネームサーバーは{host}ではなく{dns}です。レコードが{host}のサーバーを向いていれば問題ありません。'),
 ('finding_address_elsewhere', "{name} points at a server that is not {host}'s, so {host} cannot renew its certificate.", '{name} が{host}以外のサーバーを向いているため、{host}はSSL証明書を更新できません。'),
 ('finding_ipv6_mismatch_fail', 'The AAAA (IPv6) record of {name} points at a different server than its A record.', '{name} のAAAA(IPv6)レコードが、Aレコードとは別のサーバーを向いています。'),
 ('finding_ipv6_mismatch_warn', 'The AAAA (IPv6) record of {name} may point at a different server than its A record.', '{name} のAAAA(IPv6)レコードが、Aレコードとは別のサーバーを向いている可能性があります。'),
 ('finding_caa_forbids', 'The CAA records at {owner} do not allow {ca} ({reason}).', '{owner} のCAAレコードが {ca} による発行を許可していません({reason})。'),
 ('finding_dnssec_broken', "DNSSEC validation fails for {name}: validating resolvers, the certificate authority's included, get no answer.", '{name} のDNSSEC検証に失敗しています。認証局を含め、検証を行うDNSサーバーからは名前が引けません。'),
 ('finding_dns_lookup_failed', 'A DNS lookup this check depends on failed: {reason}.', '判定に必要なDNSの問い合わせに失敗しました: {reason}'),
 ('finding_challenge_redirect_offsite', 'Requests for the validation path are redirected to another site ({target}).', '認証用のURLへのアクセスが別のサイト({target})に転送されています。'),
 ('finding_challenge_redirect_invalid', "Requests for the validation path are redirected in a way Let's Encrypt does not follow: {reason}.", "認証用のURLへのアクセスが、Let's Encryptがたどれない形で転送されています: {reason}"),
 ('finding_challenge_auth', 'The validation path asks for a password (HTTP 401, Basic authentication).', '認証用のURLでパスワードを求められます(HTTP 401、Basic認証)。'),
 ('finding_challenge_forbidden', 'The validation path is blocked (HTTP 403: an access restriction, IP rule or firewall).', '認証用のURLへのアクセスが拒否されています(HTTP 403:アクセス制限、IP制限、ファイアウォールなど)。'),
 ('finding_challenge_refused', 'Port 80 of {name} refuses connections.', '{name} の80番ポートへの接続が拒否されます。'),
 ('finding_challenge_timeout', 'Port 80 of {name} does not answer.', '{name} の80番ポートから応答がありません。'),
 ('finding_ca_maintenance', "Let's Encrypt is under planned maintenance right now ({name}).", "Let's Encryptは現在メンテナンス中です({name})。"),
 ('finding_ca_incident', "Let's Encrypt reports an incident or degraded service ({name}).", "Let's Encryptで障害または処理の遅れが発生しています({name})。"),
 ('finding_cert_expired', 'The certificate expired on {date}.', 'SSL証明書は{date}に期限切れになっています。'),
 ('finding_cert_expiring_soon', 'The certificate expires on {date}: {days} days left.', 'SSL証明書の有効期限は{date}で、残り{days}日です。'),
 ('finding_renewal_overdue', 'The certificate should have been renewed around {point}, and no newer certificate for {name} appears in Certificate Transparency.', 'SSL証明書は{point}ごろに更新されているはずですが、{name} の新しい証明書が発行された記録(Certificate Transparency)がありません。'),
 ('finding_cert_name_mismatch', 'The certificate served does not cover {name}.', '配信されているSSL証明書は {name} に対応していません。'),
 ('finding_rate_limited_set', "{count} certificates for the same set of names were issued in the last 7 days: Let's Encrypt allows 5.", "同じ名前の組み合わせで過去7日間に{count}枚の証明書が発行されています。Let's Encryptの上限は5枚です。"),
 ('finding_rate_limited_domain', "{total} certificates were issued under {domain} in the last 7 days: Let's Encrypt allows 50.", "{domain} 配下で過去7日間に{total}枚の証明書が発行されています。Let's Encryptの上限は50枚です。"),
 ('finding_cdn_managed_cert', "The certificate is {cdn}'s own edge certificate: {cdn} renews it.", 'このSSL証明書は{cdn}が発行・更新する証明書です。'),
 ('finding_host_unknown', 'We did not recognise the host of {name}, so we cannot name its renewal rules.', '{name} のサーバー会社を特定できなかったため、更新の条件までは確認できません。'),
]
for k, en, ja in F: m(k, en, ja)

W = [
 ('why_domain_not_registered', 'A certificate can only be issued for a domain that exists.', 'SSL証明書は、実在するドメインにしか発行できません。'),
 ('why_domain_expired', 'An expired domain stops working: the certificate authority cannot validate it and the site goes offline.', '期限切れのドメインは使えなくなり、認証局が確認できないうえ、サイトも表示されなくなります。'),
 ('why_domain_expiring', 'If the domain lapses, DNS stops answering and the certificate renewal fails with it.', 'ドメインが失効するとDNSが応答しなくなり、SSL証明書の更新も失敗します。'),
 ('why_no_address', "The certificate authority validates by connecting to the name's address; without one there is nothing to connect to.", '認証局はドメインのIPアドレスに接続して確認します。アドレスがなければ接続できません。'),
 ('why_reserved_address', "Let's Encrypt connects from the public internet and refuses private and reserved addresses.", "Let's Encryptはインターネット側から接続するため、プライベートアドレスには届きません。"),
 ('why_proxied', "{host} renews by checking that the domain points at its server. Through {cdn}'s proxy the domain points at {cdn} instead, so the check fails and the certificate is not renewed; visitors then see errors such as Cloudflare's error 526.", '{host}は「ドメインが自社のサーバーを向いているか」を確かめてから更新します。{cdn}のプロキシ経由だとドメインは{cdn}を向くため確認に失敗し、証明書が更新されません。期限が切れると訪問者にはエラー(Cloudflareのエラー526など)が表示されます。'),
 ('why_nameservers_fail', '{host} re-checks the domain through its own nameservers; with other nameservers it cannot confirm the domain is yours.', '{host}は自社のネームサーバーを通してドメインを確認し直します。ほかのネームサーバーでは確認できません。'),
 ('why_nameservers_warn', "Some hosts repeat the first issuance's check through their own DNS; {host} does not say whether other nameservers work.", '最初の発行時と同じ方法で確認し直すサーバー会社があります。{host}はほかのネームサーバーで更新できるかを明記していません。'),
 ('why_address_elsewhere', '{host} renews by checking that the domain points at its server; it points somewhere else.', '{host}は「ドメインが自社のサーバーを向いているか」を確かめてから更新しますが、別のサーバーを向いています。'),
 ('why_ipv6_mismatch', "Let's Encrypt tries IPv6 first and does not fall back to IPv4 when the IPv6 server answers, so the wrong server is asked for the validation file.", "Let's EncryptはIPv6を優先して接続し、IPv6のサーバーが応答するとIPv4には切り替えません。そのため別のサーバーに認証ファイルを取りに行ってしまいます。"),
 ('why_caa_forbids', 'CAA records list the certificate authorities allowed to issue for the domain; one that is not listed must refuse.', 'CAAレコードは、そのドメインに証明書を発行してよい認証局を指定します。指定のない認証局は発行を断ります。'),
 ('why_dnssec_broken', 'The certificate authority validates DNSSEC; a broken signature makes every lookup fail, so validation cannot start.', '認証局はDNSSECを検証します。署名が壊れていると名前が引けず、確認を始められません。'),
 ('why_challenge_redirect_offsite', "Let's Encrypt follows the redirect to the other site, which does not have the validation file, so validation fails.", "Let's Encryptは転送先のサイトへ認証ファイルを取りに行きますが、そこにはファイルがないため失敗します。"),
 ('why_challenge_redirect_invalid', "Let's Encrypt follows only 301/302/307/308 redirects to http or https on ports 80 and 443, at most 10 times, without loops.", "Let's Encryptがたどる転送は、301/302/307/308で、http/httpsの80番か443番ポートへ、10回まで(ループなし)に限られます。"),
 ('why_challenge_access_denied', 'The certificate authority must fetch a file from /.well-known/acme-challenge/ without logging in; a password or an IP rule blocks it.', '認証局は /.well-known/acme-challenge/ のファイルをログインなしで取得する必要があります。パスワードやIP制限があると取得できません。'),
 ('why_challenge_unreachable', 'HTTP validation always starts on port 80, from several places in the world.', 'HTTPでの認証は、世界の複数の地点から80番ポートに接続して行われます。'),
 ('why_ca_status', 'While the certificate authority is under maintenance or has an incident, issuance can fail or be delayed; hosts retry later.', '認証局のメンテナンス中や障害中は発行が失敗・遅延することがあります。サーバー会社は後で再試行します。'),
 ('why_cert_expired', 'Visitors now see a security error: the renewal has already failed.', '訪問者には警告画面が表示されています。更新はすでに失敗しています。'),
 ('why_cert_expiring_soon', 'Renewal should already have happened; if it does not, the site shows errors on the expiry date.', '本来はすでに更新されている時期です。このままだと有効期限の日からサイトにエラーが表示されます。'),
 ('why_renewal_overdue', 'Hosts and ACME clients renew well before expiry; a certificate past that point usually means renewal is failing.', 'サーバー会社や更新ツールは期限よりかなり前に更新します。その時期を過ぎているなら、更新に失敗している可能性が高いです。'),
 ('why_cert_name_mismatch', 'Browsers reject a certificate that does not list the name in the address bar.', 'アドレスバーの名前が含まれていない証明書は、ブラウザーが警告を出します。'),
 ('why_rate_limited', "Once a limit is reached, Let's Encrypt refuses new certificates for these names until the 7-day window passes.", "上限に達すると、7日間が過ぎるまでLet's Encryptは新しい証明書を発行しません。"),
]
for k, en, ja in W: m(k, en, ja)

X = [
 ('fix_xserver_proxied_1', "Stop {cdn}'s proxy for this domain: in {cdn}'s DNS settings set its A/AAAA records to “DNS only” (grey cloud) and point them at your Xserver server — or switch the nameservers back to Xserver's (ns1.xserver.jp … ns5.xserver.jp) at your registrar.", '{cdn}のプロキシを止めます。{cdn}のDNS設定でA/AAAAレコードを「DNSのみ」(グレーの雲)にしてエックスサーバーのサーバーに向けるか、ドメインを登録している会社(お名前.comなど)の管理画面でネームサーバーをエックスサーバーのもの(ns1.xserver.jp〜ns5.xserver.jp)に戻します。'),
 ('fix_xserver_proxied_2', 'Wait until the change has spread (minutes for records; up to a day for nameservers).', '変更が反映されるまで待ちます(レコードは数分、ネームサーバーは数時間〜1日ほどかかることがあります)。'),
 ('fix_xserver_retry', 'In Xserver\'s サーバーパネル (Server Panel) open 「SSL設定」 (SSL settings), choose the domain and press 「更新」 (Renew).', 'サーバーパネルの「SSL設定」を開き、対象のドメインを選んで「更新」を押します(インフォパネルではありません)。'),
 ('fix_xserver_nameservers_1', "At your registrar, set the nameservers to Xserver's (ns1.xserver.jp … ns5.xserver.jp) — or keep your DNS and point the A records of the domain and www at your Xserver server.", 'ドメインを登録している会社の管理画面で、ネームサーバーをエックスサーバーのもの(ns1.xserver.jp〜ns5.xserver.jp)に変更します。今のDNSを使い続ける場合は、ドメインとwwwのAレコードをエックスサーバーのサーバーに向けます。'),
 ('fix_xserver_nameservers_2', 'Wait until the change has spread (up to a day for nameservers).', '変更が反映されるまで待ちます(ネームサーバーは数時間〜1日ほどかかることがあります)。'),
 ('fix_xserver_address_1', 'Point the A records of the domain and www at your Xserver server (its IP address is in サーバーパネル → 「サーバー情報」) and delete AAAA records that point elsewhere.', 'ドメインとwwwのAレコードを、エックスサーバーのサーバーのIPアドレス(サーバーパネルの「サーバー情報」で確認できます)に向けます。別のサーバーを向いたAAAAレコードは削除します。'),
 ('fix_xserver_redirect_1', 'Stop the redirect while renewing: in サーバーパネル → 「サイト転送設定」 delete the forwarding, and remove redirect rules from .htaccess.', '更新の間だけ転送を止めます。サーバーパネルの「サイト転送設定」で転送設定を削除し、.htaccessのリダイレクト設定も外します。'),
 ('fix_xserver_redirect_2', 'Once the renewal has succeeded you can set the redirect up again.', '更新が完了したら、転送設定を元に戻してかまいません。'),
 ('fix_xserver_access_1', 'Lift access restrictions while renewing: in サーバーパネル → 「アクセス制限」 switch the restriction OFF, and remove Basic authentication or IP rules from .htaccess.', '更新の間だけアクセス制限を解除します。サーバーパネルの「アクセス制限」で設定をOFFにし、.htaccessのBasic認証やIP制限も外します。'),
 ('fix_sakura_proxied_1', "Stop {cdn}'s proxy (set the records to DNS only) or switch the nameservers back to ns1.dns.ne.jp and ns2.dns.ne.jp, so that both the domain and www point at your Sakura server.", '{cdn}のプロキシを止める(レコードを「DNSのみ」にする)か、ネームサーバーをさくらのもの(ns1.dns.ne.jp、ns2.dns.ne.jp)に戻し、ドメインとwwwの両方がさくらのサーバーを向くようにします。'),
 ('fix_sakura_nameservers_1', 'Set the nameservers to ns1.dns.ne.jp and ns2.dns.ne.jp, or make sure the domain and www both point at your Sakura server.', 'ネームサーバーをns1.dns.ne.jp、ns2.dns.ne.jpに設定するか、ドメインとwwwの両方がさくらのサーバーを向いていることを確認します。'),
 ('fix_sakura_address_1', 'Point the A records of the domain and www at your Sakura server.', 'ドメインとwwwのAレコードを、さくらのレンタルサーバのサーバーに向けます。'),
 ('fix_sakura_redirect_1', 'Remove redirects, including an .htaccess http→https redirect, while renewing.', '更新の間は、.htaccessのhttp→httpsリダイレクトを含め、転送設定を外します。'),
 ('fix_sakura_retry', 'In the コントロールパネル (control panel) open 「ドメイン/SSL」, choose the domain and set up the free SSL certificate again.', 'コントロールパネルの「ドメイン/SSL」で対象のドメインを選び、無料SSLの設定をやり直します。'),
 ('fix_cloudflare_proxied_1', 'In the Cloudflare dashboard → DNS → Records, click the orange cloud of each A/AAAA/CNAME record for this name so it turns grey (“DNS only”).', 'Cloudflareのダッシュボードで「DNS」→「レコード」を開き、この名前のA/AAAA/CNAMEレコードのオレンジの雲をクリックしてグレー(「DNSのみ」)にします。'),
 ('fix_cloudflare_proxied_2', 'Once your host has renewed, you may turn the proxy back on — but the next renewal will fail the same way.', 'サーバー会社で更新できたらプロキシを戻してもかまいませんが、次回の更新でも同じように失敗します。'),
 ('fix_cloudflare_proxied_3', 'Use SSL/TLS mode “Full (strict)” only while the origin certificate is valid.', 'SSL/TLSの暗号化モード「フル(厳密)」は、元サーバーの証明書が有効なときだけ使います。'),
 ('fix_cloudflare_access_1', 'In Security → WAF add a rule that skips security checks for /.well-known/acme-challenge/*, and turn off “Under Attack” mode.', '「セキュリティ」→「WAF」で /.well-known/acme-challenge/* をチェック対象外にするルールを追加し、「Under Attack」モードをオフにします。'),
 ('fix_cloudflare_caa_1', 'If you manage CAA records yourself, allow letsencrypt.org, pki.goog and ssl.com.', 'CAAレコードを自分で設定している場合は、letsencrypt.org、pki.goog、ssl.com を許可します。'),
 ('fix_github_pages_proxied_1', 'Set the records for this name to DNS only (grey cloud at Cloudflare) and point them at GitHub Pages: A 185.199.108.153–185.199.111.153, or a CNAME to <user>.github.io.', 'この名前のレコードを「DNSのみ」(Cloudflareならグレーの雲)にして、GitHub Pagesに向けます(A 185.199.108.153〜185.199.111.153、またはCNAME <ユーザー名>.github.io)。'),
 ('fix_github_pages_proxied_2', 'In the repository → Settings → Pages, remove and re-add the custom domain, wait for the DNS check, then tick “Enforce HTTPS”.', 'リポジトリの「Settings」→「Pages」でカスタムドメインを一度削除して再登録し、DNSチェックが通ったら「Enforce HTTPS」にチェックを入れます。'),
 ('fix_github_pages_address_1', 'Point the records at GitHub Pages: A 185.199.108.153, 185.199.109.153, 185.199.110.153, 185.199.111.153 (or a CNAME to <user>.github.io for a subdomain).', 'レコードをGitHub Pagesに向けます: A 185.199.108.153、185.199.109.153、185.199.110.153、185.199.111.153(サブドメインはCNAME <ユーザー名>.github.io)。'),
 ('fix_github_pages_ipv6_1', "Remove AAAA records that are not GitHub's (2606:50c0:8000::153 … 2606:50c0:8003::153), or replace them with those.", 'GitHubのもの(2606:50c0:8000::153〜2606:50c0:8003::153)以外のAAAAレコードを削除するか、置き換えます。'),
 ('fix_netlify_proxied_1', 'Turn the proxy off for this name (DNS only) and point it at Netlify: a CNAME to <site>.netlify.app, or the apex at apex-loadbalancer.netlify.com.', 'この名前のプロキシをオフ(「DNSのみ」)にして、Netlifyに向けます(CNAME <サイト名>.netlify.app、ルートドメインは apex-loadbalancer.netlify.com)。'),
 ('fix_netlify_proxied_2', 'In Netlify → Domain management → HTTPS press “Verify DNS configuration”, then renew the certificate.', 'Netlifyの「Domain management」→「HTTPS」で「Verify DNS configuration」を押し、証明書を更新します。'),
 ('fix_netlify_address_1', 'Point the records at Netlify: a CNAME to <site>.netlify.app; for the apex an ALIAS to apex-loadbalancer.netlify.com.', 'レコードをNetlifyに向けます(CNAME <サイト名>.netlify.app、ルートドメインは ALIAS apex-loadbalancer.netlify.com)。'),
 ('fix_generic_proxied_1', "Turn off {cdn}'s proxy for this name (set its records to DNS only) so that it points straight at {host}'s server, or make the proxy pass /.well-known/acme-challenge/ through to it.", '{cdn}のプロキシをオフ(レコードを「DNSのみ」)にして{host}のサーバーを直接向けるか、/.well-known/acme-challenge/ へのアクセスを元サーバーに通すよう設定します。'),
 ('fix_generic_proxied_2', 'Wait until the change has spread (minutes for records, up to a day for nameservers).', '変更が反映されるまで待ちます(レコードは数分、ネームサーバーは最大1日ほど)。'),
 ('fix_generic_retry', "Then start the renewal again in your host's control panel (or run your ACME client).", 'そのあと、サーバー会社の管理画面で更新をやり直します(ACMEクライアントの場合は再実行します)。'),
 ('fix_generic_nameservers_1', "At your registrar set the nameservers back to your host's, or create the records your host asks for at your current DNS provider.", 'ドメインを登録している会社の管理画面でネームサーバーをサーバー会社のものに戻すか、今のDNSにサーバー会社が指定するレコードを設定します。'),
 ('fix_generic_address_1', 'Point the A (and AAAA) records of this name at the server that issues its certificate, and delete records that point at old servers.', 'この名前のA(とAAAA)レコードを、証明書を発行するサーバーに向け、古いサーバーを向いたレコードは削除します。'),
 ('fix_generic_ipv6_1', "Delete the AAAA record, or point it at the same server as the A record (Let's Encrypt tries IPv6 first).", "AAAAレコードを削除するか、Aレコードと同じサーバーに向けます(Let's EncryptはIPv6を優先します)。"),
 ('fix_generic_caa_1', 'Edit the CAA records at {owner}: add 0 issue "{ca}", or remove the CAA records.', '{owner} のCAAレコードに 0 issue "{ca}" を追加するか、CAAレコードを削除します。'),
 ('fix_generic_redirect_1', 'Remove the redirect for /.well-known/acme-challenge/ (site forwarding in the panel, rules in .htaccess), or redirect only within the same domain on port 80 or 443.', '/.well-known/acme-challenge/ への転送(管理画面のサイト転送や.htaccessの設定)を外すか、同じドメイン内の80番・443番ポートへの転送だけにします。'),
 ('fix_generic_access_1', 'Let everyone reach /.well-known/acme-challenge/: turn off Basic authentication, IP restrictions and firewall rules for that path.', '/.well-known/acme-challenge/ に誰でもアクセスできるよう、Basic認証・IP制限・ファイアウォールの設定を外します。'),
 ('fix_generic_unreachable_1', "Open port 80 to the whole internet (Let's Encrypt validates from several countries) and make sure the web server answers on it.", "80番ポートをインターネット全体に開け(Let's Encryptは複数の国から確認します)、Webサーバーが応答することを確認します。"),
 ('fix_generic_dnssec_1', "Fix DNSSEC: the DS record at your registrar must match the zone's current keys — or remove the DS record to turn DNSSEC off.", 'DNSSECを修正します。ドメインを登録している会社のDSレコードを現在の鍵に合わせるか、DSレコードを削除してDNSSECを無効にします。'),
 ('fix_generic_domain_1', 'Renew (or register) the domain {domain} at your registrar; once it works again, the certificate can be renewed.', 'ドメインを登録している会社で {domain} を更新(または取得)します。ドメインが使えるようになれば、SSL証明書も更新できます。'),
 ('fix_generic_ca_1', "Nothing to change on your side: wait until the maintenance or incident is over, then renew again.", 'こちら側で変更することはありません。メンテナンスや障害が終わるのを待って、更新をやり直します。'),
 ('fix_generic_rate_limit_1', 'Stop repeated requests for the same names and wait until the 7-day window frees up (letsencrypt.org/docs/rate-limits).', '同じ名前での発行のくり返しを止め、7日間の枠が空くのを待ちます(letsencrypt.org/docs/rate-limits)。'),
 ('fix_generic_certificate_1', "Renew or re-issue the certificate in your host's control panel, and make sure it covers every name the site uses (with and without www).", 'サーバー会社の管理画面でSSL証明書を更新(または再発行)し、サイトで使うすべての名前(wwwあり・なし)が含まれていることを確認します。'),
]
for k, en, ja in X: m(k, en, ja)

# Severity, labels, UI
U = [
 ('severity_fail', 'Will fail', '失敗します'), ('severity_warn', 'At risk', '要注意'), ('severity_info', 'Note', 'お知らせ'), ('severity_unknown', 'Unknown', '不明'),
 ('badge_fail', 'Renewal will fail: {reason}', '更新が失敗します: {reason}'),
 ('badge_warn', 'Renewal at risk: {reason}', '更新に注意: {reason}'),
 ('badge_unknown', 'Could not check: {reason}', '確認できません: {reason}'),
 ('badge_ok', 'Renewal Radar: no problem found', 'Renewal Radar: 問題は見つかりませんでした'),
 ('badge_na', 'Renewal Radar: not applicable', 'Renewal Radar: 確認の対象外です'),
 ('badge_checking', 'Renewal Radar: checking…', 'Renewal Radar: 確認中…'),
 ('label_what_we_saw', 'What we saw', '確認した内容'), ('label_why', 'Why it breaks renewal', '更新に失敗する理由'), ('label_fix', 'How to fix it', '直し方'),
 ('label_certificate', 'Certificate', 'SSL証明書'), ('label_issuer', 'Issuer', '発行者'), ('label_names', 'Names', '対象の名前'), ('label_valid', 'Valid', '有効期間'),
 ('label_days_left', '{days} days left', '残り{days}日'), ('label_expired_days', 'expired {days} days ago', '{days}日前に期限切れ'),
 ('source_connection', 'Read from the connection', 'この接続から読み取り'),
 ('source_ct', 'From Certificate Transparency: the newest certificate issued for this name, not necessarily the one served', 'Certificate Transparencyより(この名前に発行された最新の証明書で、実際に配信中のものとは限りません)'),
 ('label_host', 'Host', 'サーバー会社'), ('label_hosted_at', 'Hosted at {host}', '{host}で運用中'), ('label_cdn', 'Served through {cdn}', '{cdn}経由で配信'),
 ('label_host_unknown', 'Host not recognised', 'サーバー会社を特定できませんでした'), ('label_chosen_by_you', 'chosen by you', 'あなたが選択'),
 ('label_not_right', 'Not right? Choose the host', '違う場合はサーバー会社を選択'), ('label_detect_automatically', 'Detect automatically', '自動で判定'),
 ('label_dns', 'DNS details', 'DNSの詳細'), ('label_nameservers', 'Nameservers', 'ネームサーバー'), ('label_addresses', 'Addresses', 'IPアドレス'), ('label_caa', 'CAA', 'CAA'), ('label_mx', 'Mail (MX)', 'メール(MX)'),
 ('label_sources', 'Sources', '情報源'), ('label_checked_at', 'Checked {time}', '{time}に確認'),
 ('source_status_ok', 'ok', '取得済み'), ('source_status_skipped', 'skipped', '省略'), ('source_status_failed', 'failed', '失敗'),
 ('source_dns', 'DNS', 'DNS'), ('source_ct_short', 'Certificate Transparency', 'Certificate Transparency'), ('source_rdap', 'RDAP (domain registration)', 'RDAP(ドメイン登録情報)'),
 ('source_ca_status', 'CA status page', '認証局の稼働状況'), ('source_challenge', 'Validation path probe', '認証用URLの確認'), ('source_headers', 'Front page headers', 'トップページのヘッダー'), ('source_certificate', 'Served certificate', '配信中の証明書'),
 ('action_recheck', 'Recheck', '再確認'), ('action_copy', 'Copy report', 'レポートをコピー'), ('action_copied', 'Copied', 'コピーしました'),
 ('action_watch', 'Watch this site', 'このサイトを見守る'), ('action_unwatch', 'Stop watching', '見守りをやめる'), ('action_options', 'Options', '設定'),
 ('action_grant', 'Allow access to sites', 'サイトへのアクセスを許可'),
 ('popup_no_permission', 'Renewal Radar needs permission to read site addresses to check them.', '確認には、サイトへのアクセス許可が必要です。'),
 ('popup_no_tab', 'No tab to check.', '確認するタブがありません。'),
 ('popup_checking_sources', 'Checking DNS, the certificate and the validation path…', 'DNS、SSL証明書、認証用URLを確認しています…'),
 ('options_title', 'Renewal Radar options', 'Renewal Radar の設定'),
 ('options_auto', 'Automatic checks', '自動チェック'), ('options_auto_all', 'Every site I visit', '表示したすべてのサイト'), ('options_auto_watched', 'Only watched sites', '見守り中のサイトのみ'), ('options_auto_off', 'Off', 'オフ'),
 ('options_resolver', 'DNS resolver', 'DNSリゾルバー'), ('options_language', 'Language', '表示言語'), ('options_language_auto', 'Browser default', 'ブラウザーの設定に合わせる'),
 ('options_advanced', 'Advanced', '詳細設定'),
 ('options_doh', 'DNS-over-HTTPS resolver', 'DNS-over-HTTPS resolver'), ('options_ct', 'Certificate Transparency API', 'Certificate Transparency API'),
 ('options_ca_status', 'CA status URL', 'CA status URL'), ('options_rdap', 'RDAP server', 'RDAP server'),
 ('options_default_hint', 'Empty = the public default ({url})', '空欄の場合は標準の設定({url})'),
 ('options_save', 'Save', 'Save'), ('options_saved', 'Saved. The next check uses these settings.', '保存しました。次の確認から反映されます。'),
 ('options_invalid_url', '{field}: enter an https:// URL (http:// only for localhost).', '{field}: https:// で始まるURLを入力してください(http:// はlocalhostのみ)。'),
 ('options_privacy', 'Privacy', 'プライバシー'),
 ('options_privacy_text', 'Renewal Radar has no account and no telemetry. Automatic checks send the site name to your DNS-over-HTTPS resolver only. When you open the popup or watch a site, it also asks Certificate Transparency, RDAP and the CA status page about the domain, and requests one random path on the site itself over http, as the certificate authority would.', 'Renewal Radar はアカウント不要で、利用状況の送信もしません。自動チェックではサイト名をDNS-over-HTTPSリゾルバーに送るだけです。ポップアップを開いたときや見守り中のサイトでは、さらにCertificate Transparency、RDAP、認証局の稼働状況にドメインを問い合わせ、認証局と同じようにサイトの適当なパスへhttpで1回アクセスします。'),
 ('options_reset', 'Reset to defaults', '初期設定に戻す'),
 ('cli_host', 'Host', 'サーバー会社'), ('cli_cdn', 'In front', '前段のCDN'), ('cli_certificate', 'Certificate', 'SSL証明書'), ('cli_findings', 'Findings', '確認結果'),
 ('cli_evidence', 'Seen', '確認内容'), ('cli_why', 'Why', '理由'), ('cli_fix', 'Fix', '直し方'), ('cli_sources', 'Sources', '情報源'), ('cli_none', 'none recognised', '特定できず'),
 ('cli_no_findings', 'No findings.', '指摘事項はありません。'),
]
for k, en, ja in U: m(k, en, ja)

for lang, idx in (('en', 0), ('ja', 1)):
    out = collections.OrderedDict((k, {'message': v[idx]}) for k, v in M.items())
    with open(f'_locales/{lang}/messages.json', 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=2); f.write('\n')
print(len(M), 'messages')
