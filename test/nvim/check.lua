-- Neovim 0.7 (built-in LSP client, push diagnostics only) against `normokontrol lsp --stdio`.
-- Opens $NK_FILE, attaches the server, waits for diagnostics, prints them and exits 0 (some
-- diagnostics arrived) or 1 (none within $NK_TIMEOUT ms). Run through test/nvim/run.sh.
local repo = assert(os.getenv('NK_REPO'), 'NK_REPO not set')
local file = assert(os.getenv('NK_FILE'), 'NK_FILE not set')
local timeout = tonumber(os.getenv('NK_TIMEOUT') or '20000')

local function out(line)
  io.stdout:write(line .. '\n')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

local started = vim.loop.hrtime()
local client_id = vim.lsp.start_client({
  name = 'normokontrol',
  cmd = { 'node', repo .. '/bin/normokontrol.js', 'lsp', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
})
if not client_id then
  out('FAIL: the server did not start')
  vim.cmd('cquit!')
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(timeout, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 20)
local elapsed_ms = math.floor((vim.loop.hrtime() - started) / 1e6)

local diagnostics = vim.diagnostic.get(bufnr)
out(string.format('nvim %s, filetype=%s: %d diagnostic(s) after %d ms', tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), vim.bo[bufnr].filetype, #diagnostics, elapsed_ms))
for _, d in ipairs(diagnostics) do
  local code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  out(string.format('  %d:%d severity=%d %s %s', d.lnum + 1, d.col + 1, d.severity, code, d.message))
end

vim.lsp.stop_client(client_id)
if ok then
  vim.cmd('qall!')
else
  out('FAIL: no diagnostics within ' .. timeout .. ' ms')
  vim.cmd('cquit!')
end
