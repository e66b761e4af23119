/** chai with chai-as-promised, for `await expect(promise).to.be.rejectedWith("JobMarketX")`. */
import chai from "chai";
import chaiAsPromised from "chai-as-promised";

chai.use(chaiAsPromised);

export const expect = chai.expect;
