// The database client the module uses; tests replace `query`.
module.exports = {
  async query() {
    throw new Error('no database in tests');
  },
};
