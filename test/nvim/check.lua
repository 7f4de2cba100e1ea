-- Drives the Fact Check language server from Neovim 0.7's built-in LSP client: proof that the
-- server speaks plain LSP to a client that is not VS Code. Run by test/nvim/nvim.test.mjs with the
-- draft as the current buffer and, in the environment:
--   FACTCHECK_SERVER_CMD  JSON array, the server command (e.g. ["npm","run","-s","language-server","--","--stdio"])
--   FACTCHECK_SERVER_CWD  where to run it
--   FACTCHECK_NVIM_OUT    file to write the results to, as JSON (the JS test asserts on them)
--   FACTCHECK_TIMEOUT_MS  how long to wait for each answer
-- Exits with `qall!` when every step got its answer, else `cquit 1` (the error is in the JSON).
local out_file = assert(os.getenv('FACTCHECK_NVIM_OUT'), 'FACTCHECK_NVIM_OUT is not set')
local timeout = tonumber(os.getenv('FACTCHECK_TIMEOUT_MS') or '') or 30000
local result = { steps = {}, nvim = vim.version() }

local function now_ms()
  return vim.loop.hrtime() / 1e6
end
local t_start = now_ms()

local function finish(ok, err)
  result.ok = ok
  result.error = err
  result.total_ms = now_ms() - t_start
  local f = assert(io.open(out_file, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  if ok then
    vim.cmd('qall!')
  else
    vim.cmd('cquit 1')
  end
end

-- The diagnostics of the buffer, sorted by line, as plain tables (JSON-encodable).
local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code, data = lsp.data,
    })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum end)
  return list
end

-- The LSP form of a vim diagnostic (for a codeAction request's context).
local function to_lsp(d)
  return {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity, message = d.message, source = d.source, code = d.code, data = d.data,
  }
end

local function severity_at(bufnr, lnum)
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = lnum })) do
    return d.severity
  end
  return nil
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode((assert(os.getenv('FACTCHECK_SERVER_CMD'), 'FACTCHECK_SERVER_CMD is not set')))
  local bufnr = vim.api.nvim_get_current_buf()
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  result.filetype = vim.bo[bufnr].filetype

  local exited = nil
  local t0 = now_ms()
  local client_id = vim.lsp.start_client({
    name = 'factcheck',
    cmd = cmd,
    cmd_cwd = os.getenv('FACTCHECK_SERVER_CWD'),
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'draft' } },
    -- Answers workspace/configuration: an empty section, i.e. the server's defaults.
    settings = { factcheck = {} },
    on_init = function(_, initialize_result) result.server_info = initialize_result.serverInfo or vim.NIL end,
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client returned nil (could not start ' .. table.concat(cmd, ' ') .. ')')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'vim.lsp.buf_attach_client failed')

  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(timeout, function() return exited ~= nil or (client.initialized and true or false) end, 20),
    'the server did not answer initialize within ' .. timeout .. ' ms')
  assert(not exited, 'the server exited: ' .. vim.inspect(exited))
  result.steps.initialize_ms = now_ms() - t0
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  result.capabilities = {
    hoverProvider = caps.hoverProvider or false,
    codeActionProvider = caps.codeActionProvider and true or false,
    textDocumentSync = caps.textDocumentSync,
  }

  -- 1. Diagnostics for the draft as opened.
  t0 = now_ms()
  assert(vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) >= 4 end, 20),
    'fewer than 4 diagnostics after ' .. timeout .. ' ms: ' .. vim.inspect(diagnostics(bufnr)))
  result.steps.diagnostics_ms = now_ms() - t0
  result.diagnostics = diagnostics(bufnr)

  -- 2. Hover on the contradicted sentence (line 5, 0-based 4).
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = 4, character = 20 } }
  t0 = now_ms()
  local responses, herr = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
  assert(responses, 'textDocument/hover: ' .. tostring(herr))
  result.steps.hover_ms = now_ms() - t0
  local hover = responses[client_id] and responses[client_id].result
  assert(hover and hover.contents, 'no hover on line 5: ' .. vim.inspect(responses))
  result.hover = { contents = hover.contents, range = hover.range }

  -- 3. Quick fixes for the misattributed sentence (line 7, 0-based 6).
  local misattributed
  for _, d in ipairs(result.diagnostics) do
    if d.lnum == 6 then misattributed = d end
  end
  assert(misattributed, 'no diagnostic on line 7')
  local ca_params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = to_lsp(misattributed).range,
    context = { diagnostics = { to_lsp(misattributed) } },
  }
  t0 = now_ms()
  responses, herr = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', ca_params, timeout)
  assert(responses, 'textDocument/codeAction: ' .. tostring(herr))
  result.steps.code_action_ms = now_ms() - t0
  result.code_actions = (responses[client_id] or {}).result or {}

  -- 4. Apply the "Attribute to …" fix's edit to the buffer (as the client does), and see the
  --    server re-check the changed line after an incremental didChange.
  local fix
  for _, a in ipairs(result.code_actions) do
    if a.title:find('^Attribute to ') then fix = a end
  end
  assert(fix and fix.edit, 'no "Attribute to" quick fix with an edit: ' .. vim.inspect(result.code_actions))
  t0 = now_ms()
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  result.line7_after_fix = vim.api.nvim_buf_get_lines(bufnr, 6, 7, true)[1]
  -- Supported is a hint by default (calm: no squiggle).
  assert(vim.wait(timeout, function() return severity_at(bufnr, 6) == vim.diagnostic.severity.HINT end, 20),
    'line 7 was not re-checked as supported: ' .. vim.inspect(diagnostics(bufnr)))
  result.steps.recheck_ms = now_ms() - t0
  result.diagnostics_after_fix = diagnostics(bufnr)

  -- 5. A polite shutdown: the server must exit by itself.
  t0 = now_ms()
  vim.lsp.stop_client(client_id)
  assert(vim.wait(timeout, function() return exited ~= nil end, 20), 'the server did not exit after shutdown/exit')
  result.steps.shutdown_ms = now_ms() - t0
  result.exit = exited
end)

if ok then
  finish(true, nil)
else
  finish(false, tostring(err))
end
