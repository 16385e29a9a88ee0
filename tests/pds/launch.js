#!/usr/bin/env node
// Starts a private Bluesky network for Twofold's integration tests: a did:plc directory (in
// memory), the official PDS (SQLite in a temp folder) and, optionally, a tiny stub AppView.
// Everything listens on 127.0.0.1 only and nothing outside this machine is contacted.
//
// When ready it prints ONE JSON line on stdout:
//   {"pdsUrl", "pdsLocalUrl", "plcUrl", "appviewUrl", "dataDir", "accounts": [{handle, did,
//    password, email}], "adminPassword", "jwtSecret", "timings": {...}, "pid"}
// then waits for SIGTERM/SIGINT (or, with EXIT_ON_STDIN_CLOSE=1, for its stdin to close),
// closes the servers and removes the data folder it created.
//
// Environment:
//   TWOFOLD_PDS_MODULES  the node_modules folder holding the pinned packages (required; dev.sh
//                        installs them outside the clone)
//   PLC_PORT, PDS_PORT, APPVIEW_PORT   ports (default: free ephemeral ports)
//   ACCOUNTS             "alice.test:alice-pass,bob.test:bob-pass" (handles must end in .test)
//   DATA_DIR             SQLite and blobs (default: a new temp folder, removed on exit)
//   STUB_APPVIEW=1       start the stub AppView (answers app.bsky.actor.getProfile only)
//   EXIT_ON_STDIN_CLOSE=1  shut down when the parent process goes away
'use strict'

const fs = require('node:fs')
const http = require('node:http')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const crypto = require('node:crypto')
const { createRequire } = require('node:module')

const LOOPBACK = '127.0.0.1'
const started = Date.now()

function fail(message) {
  process.stderr.write(`pds launcher: ${message}\n`)
  process.exit(1)
}

const modulesDir = process.env.TWOFOLD_PDS_MODULES
if (!modulesDir || !fs.existsSync(path.join(modulesDir, '@atproto', 'pds'))) {
  fail(
    `TWOFOLD_PDS_MODULES must point at the installed test-server packages (got ${modulesDir || 'nothing'}); ` +
      'run ./dev.sh test, which installs them.',
  )
}
// Resolve packages as if this script lived next to that node_modules folder.
const requireModule = createRequire(path.join(path.dirname(modulesDir), 'launcher.js'))

// Both servers call listen(port) without a host, which binds every interface. Force loopback
// for any listen() in this process that names a port but no host.
const originalListen = net.Server.prototype.listen
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, LOOPBACK)
  } else if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && !args[0].host) {
    args[0] = { ...args[0], host: LOOPBACK }
  }
  return originalListen.apply(this, args)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = originalListen.call(net.createServer(), 0, LOOPBACK)
    probe.once('error', reject)
    probe.once('listening', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

async function portFromEnv(name) {
  const value = process.env[name]
  if (value) {
    const port = Number(value)
    if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`${name} is not a port: ${value}`)
    return port
  }
  return freePort()
}

function parseAccounts(spec) {
  return spec
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const sep = item.indexOf(':')
      if (sep <= 0) fail(`ACCOUNTS entries look like handle.test:password (got "${item}")`)
      const handle = item.slice(0, sep)
      if (!handle.endsWith('.test')) fail(`account handles must end in .test (got "${handle}")`)
      return { handle, password: item.slice(sep + 1) }
    })
}

async function xrpc(baseUrl, method, { body, token, query } = {}) {
  const url = new URL(`/xrpc/${method}`, baseUrl)
  for (const [key, value] of Object.entries(query || {})) url.searchParams.set(key, value)
  const headers = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers.authorization = `Bearer ${token}`
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  const data = text ? JSON.parse(text) : {}
  return { status: response.status, data }
}

// The stub AppView: answers app.bsky.actor.getProfile from the PDS's own records, and
// 501 MethodNotImplemented for everything else (what a real AppView says for unknown methods).
function startStubAppView(port, pdsUrl) {
  const server = http.createServer(async (req, res) => {
    const send = (status, payload) => {
      const body = JSON.stringify(payload)
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      res.end(body)
    }
    try {
      const url = new URL(req.url, `http://${LOOPBACK}:${port}`)
      if (url.pathname !== '/xrpc/app.bsky.actor.getProfile') {
        return send(501, { error: 'MethodNotImplemented', message: 'Method Not Implemented' })
      }
      const actor = url.searchParams.get('actor') || ''
      const repo = await xrpc(pdsUrl, 'com.atproto.repo.describeRepo', { query: { repo: actor } })
      if (repo.status !== 200) {
        return send(400, { error: 'InvalidRequest', message: 'Profile not found' })
      }
      const profile = await xrpc(pdsUrl, 'com.atproto.repo.getRecord', {
        query: { repo: repo.data.did, collection: 'app.bsky.actor.profile', rkey: 'self' },
      })
      const value = profile.status === 200 ? profile.data.value : {}
      return send(200, {
        did: repo.data.did,
        handle: repo.data.handle,
        displayName: value.displayName,
        description: value.description,
        followersCount: 0,
        followsCount: 0,
        postsCount: 0,
      })
    } catch (err) {
      return send(500, { error: 'InternalServerError', message: String(err && err.message) })
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, LOOPBACK, () => resolve(server))
  })
}

async function main() {
  const timings = {}
  const mark = (name, since) => {
    timings[name] = (Date.now() - since) / 1000
  }

  let t = Date.now()
  const { PDS, envToCfg, envToSecrets } = requireModule('@atproto/pds')
  const plcPackage = requireModule('@did-plc/server')
  const { Secp256k1Keypair } = requireModule('@atproto/crypto')
  mark('importSeconds', t)

  const accounts = parseAccounts(process.env.ACCOUNTS || 'alice.test:alice-pass,bob.test:bob-pass')
  const ownsDataDir = !process.env.DATA_DIR
  const dataDir = process.env.DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'twofold-pds-'))
  fs.mkdirSync(path.join(dataDir, 'blobs', 'tmp'), { recursive: true })

  const [plcPort, pdsPort] = [await portFromEnv('PLC_PORT'), await portFromEnv('PDS_PORT')]
  const wantAppView = process.env.STUB_APPVIEW === '1'
  const appviewPort = wantAppView ? await portFromEnv('APPVIEW_PORT') : null

  const servers = { plc: null, pds: null, appview: null }
  let stopping = false
  const stop = async (code) => {
    if (stopping) return
    stopping = true
    try {
      if (servers.pds) await servers.pds.destroy()
      if (servers.plc) await servers.plc.destroy()
      if (servers.appview) await new Promise((resolve) => servers.appview.close(resolve))
    } catch (err) {
      process.stderr.write(`pds launcher: error while stopping: ${err}\n`)
    }
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    process.exit(code)
  }
  process.on('SIGTERM', () => stop(0))
  process.on('SIGINT', () => stop(0))
  if (process.env.EXIT_ON_STDIN_CLOSE === '1') {
    process.stdin.on('end', () => stop(0))
    process.stdin.on('error', () => stop(0))
    process.stdin.resume()
  }

  try {
    t = Date.now()
    servers.plc = plcPackage.PlcServer.create({ db: plcPackage.Database.mock(), port: plcPort })
    await servers.plc.start()
    const plcUrl = `http://${LOOPBACK}:${plcPort}`

    const pdsUrl = `http://localhost:${pdsPort}` // how the PDS names itself (hostname localhost)
    const pdsLocalUrl = `http://${LOOPBACK}:${pdsPort}`
    let appviewUrl = null
    if (wantAppView) {
      servers.appview = await startStubAppView(appviewPort, pdsLocalUrl)
      appviewUrl = `http://${LOOPBACK}:${appviewPort}`
    }

    const rotationKey = await Secp256k1Keypair.create({ exportable: true })
    const jwtSecret = crypto.randomBytes(24).toString('hex')
    const adminPassword = crypto.randomBytes(12).toString('hex')
    const env = {
      port: pdsPort,
      hostname: 'localhost',
      devMode: true,
      dataDirectory: dataDir,
      blobstoreDiskLocation: path.join(dataDir, 'blobs'),
      blobstoreDiskTmpLocation: path.join(dataDir, 'blobs', 'tmp'),
      didPlcUrl: plcUrl,
      serviceHandleDomains: ['.test'],
      inviteRequired: false,
      disableSsrfProtection: true,
      crawlers: [],
      jwtSecret,
      adminPassword,
      plcRotationKeyK256PrivateKeyHex: Buffer.from(await rotationKey.export()).toString('hex'),
    }
    if (wantAppView) {
      env.bskyAppViewUrl = appviewUrl
      env.bskyAppViewDid = 'did:web:stub-appview.test'
    }
    servers.pds = await PDS.create(envToCfg(env), envToSecrets(env))
    await servers.pds.start()
    mark('serversSeconds', t)

    t = Date.now()
    const created = []
    for (const { handle, password } of accounts) {
      const email = `${handle.split('.')[0]}@example.test`
      const result = await xrpc(pdsLocalUrl, 'com.atproto.server.createAccount', {
        body: { handle, email, password },
      })
      if (result.status !== 200) {
        throw new Error(`createAccount ${handle}: ${result.status} ${JSON.stringify(result.data)}`)
      }
      created.push({ handle: result.data.handle, did: result.data.did, password, email })
    }
    mark('accountsSeconds', t)
    timings.totalSeconds = (Date.now() - started) / 1000

    process.stdout.write(
      JSON.stringify({
        pdsUrl,
        pdsLocalUrl,
        plcUrl,
        appviewUrl,
        dataDir,
        accounts: created,
        adminPassword,
        jwtSecret,
        timings,
        pid: process.pid,
      }) + '\n',
    )
  } catch (err) {
    process.stderr.write(`pds launcher: could not start: ${(err && err.stack) || err}\n`)
    await stop(1)
  }
}

main()
